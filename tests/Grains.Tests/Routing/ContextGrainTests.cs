using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Reroute.Grains.Routing;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Tests.Routing;

public sealed class ContextGrainTests
{
    // A code-7b request just under the complex threshold (complexity 0.48): the classifier says simple, unsure (0.55).
    private static InferenceRequest Borderline(double slaMs) =>
        Routes.Request(inputTokens: 2_000, outputTokens: 5, slaMs: slaMs) with { RequestId = "borderline" };

    [Fact]
    public async Task Confident_requests_are_classified_by_the_classifier_alone()
    {
        await using var silo = await RoutingSilo.Start();
        var context = silo.GrainFactory.GetGrain<IContextGrain>(RoutingKeys.Context);

        var simple = await context.Classify(Routes.Request(model: "code-1b", inputTokens: 50, outputTokens: 10, slaMs: 5_000));
        var complex = await context.Classify(Routes.Request(model: "code-34b", inputTokens: 8_000, outputTokens: 1_000, slaMs: 600_000));
        var critical = await context.Classify(Routes.Request(model: "code-1b", inputTokens: 50, outputTokens: 10, slaMs: 100));

        Assert.Equal((RequestClass.Simple, ClassificationSource.Classifier), (simple.Class, simple.Source));
        Assert.Equal((RequestClass.Complex, ClassificationSource.Classifier), (complex.Class, complex.Source));
        Assert.Equal((RequestClass.Critical, ClassificationSource.Classifier), (critical.Class, critical.Source));
        Assert.True(complex.Complexity > simple.Complexity);
        Assert.True(complex.Needs.MemoryGb > simple.Needs.MemoryGb);
        Assert.True(complex.Needs.GpuRequired);
    }

    [Fact]
    public async Task An_unsure_request_with_slack_is_decided_by_the_built_in_engine_which_errs_to_the_heavier_class()
    {
        await using var silo = await RoutingSilo.Start();
        var request = Borderline(slaMs: 30_000);
        var fast = RequestClassifier.Classify(request, RoutingModel.Default);
        Assert.Equal(RequestClass.Simple, fast.Class);
        Assert.True(fast.Confidence < 0.6, $"precondition: classifier unsure, was {fast.Confidence}");

        var profile = await silo.GrainFactory.GetGrain<IContextGrain>(RoutingKeys.Context).Classify(request);

        Assert.Equal(ClassificationSource.Reasoner, profile.Source);
        Assert.Equal(RequestClass.Complex, profile.Class);
        Assert.True(profile.Confidence > fast.Confidence);
        Assert.Equal(fast.Needs, profile.Needs);
    }

    [Fact]
    public async Task The_engine_counts_the_cold_start_against_the_sla_where_the_classifier_does_not()
    {
        await using var silo = await RoutingSilo.Start();
        var request = Borderline(slaMs: 12_000);

        var profile = await silo.GrainFactory.GetGrain<IContextGrain>(RoutingKeys.Context).Classify(request);

        Assert.Equal(RequestClass.Simple, RequestClassifier.Classify(request, RoutingModel.Default).Class);
        Assert.Equal((RequestClass.Critical, ClassificationSource.Reasoner), (profile.Class, profile.Source));
    }

    [Fact]
    public async Task Without_slack_in_the_sla_the_engine_is_not_consulted()
    {
        var engine = new RecordingChatClient();
        await using var silo = await RoutingSilo.Start(services: s => s.AddSingleton<IChatClient>(engine));

        var profile = await silo.GrainFactory.GetGrain<IContextGrain>(RoutingKeys.Context).Classify(Borderline(slaMs: 1_100));

        Assert.Equal((RequestClass.Simple, ClassificationSource.Classifier), (profile.Class, profile.Source));
        Assert.Equal(0, engine.Calls);
    }

    [Fact]
    public async Task A_hanging_engine_is_abandoned_at_the_reasoning_timeout_and_the_classifier_answer_stands()
    {
        var engine = new HangingChatClient();
        await using var silo = await RoutingSilo.Start(
            configure: o => o.ReasoningTimeout = TimeSpan.FromMilliseconds(300),
            services: s => s.AddSingleton<IChatClient>(engine));

        var pending = silo.GrainFactory.GetGrain<IContextGrain>(RoutingKeys.Context).Classify(Borderline(slaMs: 30_000));
        await engine.Called.Task.WaitAsync(TimeSpan.FromSeconds(10));
        silo.Time.Advance(TimeSpan.FromMilliseconds(299));
        Assert.False(pending.IsCompleted);
        silo.Time.Advance(TimeSpan.FromMilliseconds(1));
        var profile = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal((RequestClass.Simple, ClassificationSource.ReasonerUnavailable), (profile.Class, profile.Source));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"class\":\"Huge\",\"complexity\":0.5,\"confidence\":0.9}")]
    [InlineData("{\"class\":\"Complex\",\"complexity\":1.5,\"confidence\":0.9}")]
    [InlineData("{\"class\":\"Complex\",\"complexity\":0.5}")]
    public async Task A_garbage_answer_leaves_the_classifier_answer_standing(string answer)
    {
        var engine = new RecordingChatClient(answer);
        await using var silo = await RoutingSilo.Start(services: s => s.AddSingleton<IChatClient>(engine));

        var profile = await silo.GrainFactory.GetGrain<IContextGrain>(RoutingKeys.Context).Classify(Borderline(slaMs: 30_000));

        Assert.Equal(1, engine.Calls);
        Assert.Equal((RequestClass.Simple, ClassificationSource.ReasonerUnavailable), (profile.Class, profile.Source));
    }

    [Fact]
    public async Task An_engine_that_keeps_failing_opens_its_service_breaker_and_is_no_longer_consulted()
    {
        var engine = new RecordingChatClient("garbage");
        await using var silo = await RoutingSilo.Start(services: s => s.AddSingleton<IChatClient>(engine));
        var context = silo.GrainFactory.GetGrain<IContextGrain>(RoutingKeys.Context);

        for (var i = 0; i < 15; i++)
        {
            var profile = await context.Classify(Borderline(slaMs: 30_000) with { RequestId = $"b-{i}" });
            Assert.Equal(ClassificationSource.ReasonerUnavailable, profile.Source);
        }

        // Five failures open the breaker (the node default); the ten requests after it never reach the engine.
        Assert.Equal(5, engine.Calls);
        var breaker = await silo.GrainFactory.GetGrain<ICircuitBreakerGrain>(RoutingKeys.ServiceBreaker(RoutingKeys.ReasoningService)).Status();
        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public async Task The_router_routes_through_the_context_grain_and_says_who_classified()
    {
        await using var silo = await RoutingSilo.Start();
        await silo.Node("edge-1", RoutingSilo.EdgeProfile());

        var decision = await silo.Router().Route(Borderline(slaMs: 30_000));

        Assert.Equal(RouteStatus.Routed, decision.Status);
        Assert.StartsWith("Complex request", decision.Rationale[0], StringComparison.Ordinal);
        Assert.Contains("reasoning engine", decision.Rationale[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_prompt_carries_sizes_and_the_sla_but_no_request_id_or_tenant()
    {
        var request = Borderline(slaMs: 30_000) with { RequestId = "req-secret-42", TenantId = "clinic-private" };
        var messages = ClassificationPrompt.Build(request, RequestClassifier.Classify(request, RoutingModel.Default), ClassifierOptions.Default);

        var text = string.Join("\n", messages.Select(m => m.Text));
        Assert.StartsWith(ClassificationPrompt.Task, messages[0].Text, StringComparison.Ordinal);
        Assert.Contains("\"slaMs\":30000", text, StringComparison.Ordinal);
        Assert.DoesNotContain("req-secret-42", text, StringComparison.Ordinal);
        Assert.DoesNotContain("clinic-private", text, StringComparison.Ordinal);
    }

    private sealed class RecordingChatClient(string answer = "{}") : IChatClient
    {
        private int _calls;

        public int Calls => _calls;

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)));
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates())
            {
                yield return update;
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private sealed class HangingChatClient : IChatClient
    {
        public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Called.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new UnreachableException();
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
