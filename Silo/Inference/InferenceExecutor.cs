using System.Collections.Immutable;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reroute.Grains.Routing;
using Reroute.Interfaces.Routing;
using Reroute.Runtime;
using Reroute.Silo.Api;
using Reroute.Silo.Options;

namespace Reroute.Silo.Inference;

/// <summary>
/// Runs a routed request on its node's OpenAI-compatible endpoint: per-attempt timeout, retries with exponential backoff
/// and jitter, failover to the backup, each attempt's outcome counted by the node's breaker. HTTP lives here, in the silo,
/// so that grains never wait on the network.
/// </summary>
public sealed partial class InferenceExecutor(
    HttpClient http,
    IGrainFactory grains,
    TimeProvider time,
    IOptions<InferenceOptions> options,
    ILogger<InferenceExecutor> logger)
{
    private const string CompletionsPath = "v1/chat/completions";
    private const double JitterFloor = 0.5;
    private const string NoEndpoint = "the node registered no endpoint";

    /// <summary>
    /// Executes <paramref name="decision"/>. The first attempt goes to the primary; each retry the plan allows goes to
    /// the backup when the plan fails over, to the primary otherwise. The device tier is not executed: the device runs it.
    /// </summary>
    public async Task<InferenceExecution> Execute(
        InferenceRequest request,
        RouteDecision decision,
        IReadOnlyList<ChatMessageBody> messages,
        int maxTokens,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(messages);
        if (decision.NodeId is null)
        {
            throw new ArgumentException("The decision has no node.", nameof(decision));
        }

        var payload = Payload(request.RequiredModel, messages, maxTokens);
        var plan = decision.Retry;
        var attempts = ImmutableArray.CreateBuilder<InferenceAttempt>();
        for (var i = 0; i < Math.Max(1, plan.MaxAttempts); i++)
        {
            var onBackup = i > 0 && plan.FailoverToBackup && decision.BackupNodeId is not null;
            var node = onBackup ? decision.BackupNodeId! : decision.NodeId;
            var tier = onBackup ? decision.BackupTier : decision.Tier;
            if (string.Equals(node, RoutePlanner.DeviceNodeId, StringComparison.Ordinal))
            {
                // Nothing to call: the device runs the request itself.
                return new InferenceExecution { ServedBy = node, Tier = ComputeTier.Device, Attempts = attempts.ToImmutable() };
            }

            if (i > 0)
            {
                await Backoff(plan, i, cancellationToken);
            }

            // The model is in use on the node for the attempt's duration, so its cache will not evict it meanwhile.
            var cache = grains.GetGrain<ICacheGrain>(node);
            await cache.Acquire(request.RequiredModel);
            InferenceAttempt attempt;
            string? content;
            InferenceUsage? usage;
            try
            {
                (attempt, content, usage) = await Attempt(node, payload, Timeout(decision), cancellationToken);
            }
            finally
            {
                await cache.Release(request.RequiredModel);
            }

            attempts.Add(attempt);
            await Report(request, decision, node, tier ?? ComputeTier.Edge, attempt, counts: attempt.Error != NoEndpoint);
            if (attempt.Outcome == AttemptOutcome.Succeeded)
            {
                return new InferenceExecution { ServedBy = node, Tier = tier, Content = content, Usage = usage, Attempts = attempts.ToImmutable() };
            }

            LogAttemptFailed(logger, request.RequestId, node, attempt.Outcome, attempt.Error);
        }

        return new InferenceExecution { Attempts = attempts.ToImmutable() };
    }

    private TimeSpan Timeout(RouteDecision decision)
    {
        var ms = decision.Retry.PerAttemptTimeoutMs > 0 ? decision.Retry.PerAttemptTimeoutMs : decision.TimeoutMs;
        var bounds = options.Value;
        return ms > 0
            ? TimeSpan.FromMilliseconds(Math.Clamp(ms, bounds.MinAttemptTimeout.TotalMilliseconds, bounds.MaxAttemptTimeout.TotalMilliseconds))
            : bounds.MaxAttemptTimeout;
    }

    private async Task Backoff(RetryPlan plan, int retry, CancellationToken cancellationToken)
    {
        // Exponential from the plan's base, capped by the plan and by the silo; jitter keeps many callers out of step.
        var ms = Math.Min(plan.BackoffBaseMs * Math.Pow(2, retry - 1), plan.BackoffMaxMs > 0 ? plan.BackoffMaxMs : double.MaxValue);
        if (plan.UseJitter)
        {
            ms *= JitterFloor + ((1 - JitterFloor) * Random.Shared.NextDouble());
        }

        var delay = TimeSpan.FromMilliseconds(Math.Clamp(ms, 0, options.Value.MaxBackoff.TotalMilliseconds));
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    private async Task<(InferenceAttempt Attempt, string? Content, InferenceUsage? Usage)> Attempt(
        string node, string payload, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        double Elapsed() => time.GetElapsedTime(started).TotalMilliseconds;
        if (await grains.GetGrain<IResourceGrain>(node).Snapshot() is not { Endpoint: { } endpoint })
        {
            return (new InferenceAttempt(node, AttemptOutcome.Failed, Elapsed(), NoEndpoint), null, null);
        }

        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            using var content = new StringContent(payload, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
            using var response = await http.PostAsync(new Uri(new Uri(endpoint.TrimEnd('/') + "/"), CompletionsPath), content, linked.Token);
            var body = await response.Content.ReadAsStringAsync(linked.Token);
            if (!response.IsSuccessStatusCode)
            {
                return (new InferenceAttempt(node, AttemptOutcome.Failed, Elapsed(), $"the node answered HTTP {(int)response.StatusCode}"), null, null);
            }

            return Parse(body) is ({ } answer, var usage)
                ? (new InferenceAttempt(node, AttemptOutcome.Succeeded, Elapsed(), null), answer, usage)
                : (new InferenceAttempt(node, AttemptOutcome.Failed, Elapsed(), "the node's answer is not a chat completion with a choice"), null, null);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (new InferenceAttempt(node, AttemptOutcome.TimedOut, Elapsed(), $"no answer within {timeout.TotalMilliseconds:F0} ms"), null, null);
        }
        catch (HttpRequestException error)
        {
            return (new InferenceAttempt(node, AttemptOutcome.Failed, Elapsed(), $"the node could not be reached ({error.HttpRequestError})"), null, null);
        }
    }

    private static (string? Content, InferenceUsage? Usage) Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0
                || choices[0].ValueKind != JsonValueKind.Object
                || !choices[0].TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object
                || !message.TryGetProperty("content", out var text) || text.ValueKind != JsonValueKind.String)
            {
                return (null, null);
            }

            var usage = root.TryGetProperty("usage", out var counts) && counts.ValueKind == JsonValueKind.Object
                ? new InferenceUsage(Count(counts, "prompt_tokens"), Count(counts, "completion_tokens"), Count(counts, "total_tokens"))
                : new InferenceUsage(0, 0, 0);
            return (text.GetString(), usage);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static int Count(JsonElement usage, string name) =>
        usage.TryGetProperty(name, out var value) && value.TryGetInt32(out var count) && count >= 0 ? count : 0;

    private static string Payload(string model, IReadOnlyList<ChatMessageBody> messages, int maxTokens) =>
        new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role, ["content"] = m.Content })]),
            ["max_tokens"] = maxTokens,
        }.ToJsonString();

    private async Task Report(InferenceRequest request, RouteDecision decision, string node, ComputeTier tier, InferenceAttempt attempt, bool counts)
    {
        var outcome = new RouteOutcome
        {
            RequestId = request.RequestId,
            NodeId = node,
            Succeeded = attempt.Outcome == AttemptOutcome.Succeeded,
            LatencyMs = attempt.LatencyMs,
        };

        // The same path as /api/inference/outcome: the node's breaker counts it, the decision history keeps it.
        if (counts)
        {
            await BreakerOutcomes.Record(grains, tier, outcome);
        }

        await grains.GetGrain<IDecisionLogGrain>(RoutingKeys.DecisionLog(request.TenantId, time.GetUtcNow())).RecordOutcome(outcome);

        // And the monitor learns from it, as from a reported outcome.
        await grains.GetGrain<IMonitorGrain>(RoutingKeys.Monitor)
            .Observe(RoutingObservations.From(decision, node, tier, outcome.Succeeded, outcome.LatencyMs));
    }

    // Node, outcome and error class only: the prompt and the answer may be PHI and never reach the log.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Inference attempt for {RequestId} on {Node} {Outcome}: {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, string requestId, string node, AttemptOutcome outcome, string? error);
}
