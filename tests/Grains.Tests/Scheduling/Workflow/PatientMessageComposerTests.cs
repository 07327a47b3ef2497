using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Reroute.Grains.Scheduling.Workflow;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Tests.Scheduling.Workflow;

public sealed class PatientMessageComposerTests
{
    private const string Name = "Dana Fictional";

    private static readonly PatientProfile Patient = WorkflowWorld.Patient(SchedulingScenario.Passing(), "P1") with
    {
        Contact = new PatientContact { PreferredChannel = NotificationChannel.Sms, DisplayName = Name, Phone = "+15135550101" },
    };

    private static readonly Dictionary<string, string> Values = new(StringComparer.Ordinal)
    {
        ["discipline"] = "PT",
        ["original_time"] = "Wed 4 Mar 09:00",
        ["new_time"] = "Thu 5 Mar 10:00",
        ["clinic"] = "C1",
        ["expires"] = "Thu 5 Mar 08:00",
        ["accept_url"] = "https://clinic.example/offers/a.b?answer=accept",
        ["decline_url"] = "https://clinic.example/offers/a.b?answer=decline",
    };

    [Fact]
    public async Task A_rewrite_that_keeps_the_answer_keywords_is_sent_with_the_name_filled_in_and_the_engine_never_sees_the_name()
    {
        var engine = new ScriptedChatClient(_ => "Hi {{patient_name}}! Your PT visit moves to Thu 5 Mar 10:00 at C1. Text YES to keep it or NO to skip.");

        var message = await Composer(engine).ComposeAsync("m1", "t1", "offer", Patient, NotificationChannel.Sms, Values);

        Assert.Equal($"Hi {Name}! Your PT visit moves to Thu 5 Mar 10:00 at C1. Text YES to keep it or NO to skip.", message.Body);
        Assert.Equal("+15135550101", message.Recipient);
        var prompt = Assert.Single(engine.Prompts);
        Assert.DoesNotContain(Name, prompt, StringComparison.Ordinal);
        Assert.Contains("{{patient_name}}", prompt, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sms", "Your visit moved. Call us.")]
    [InlineData("email", "Subject: New time\nYour visit moved; accept here: https://clinic.example/offers/a.b?answer=accept")]
    [InlineData("ivr", "Your visit moved. Press 1 to accept.")]
    public async Task A_rewrite_that_loses_a_way_to_answer_is_dropped_for_the_template(string channelName, string rewrite)
    {
        var channel = Enum.Parse<NotificationChannel>(channelName, ignoreCase: true);
        var engine = new ScriptedChatClient(_ => rewrite);

        var message = await Composer(engine).ComposeAsync("m1", "t1", "offer", Patient, channel, Values);

        var (subject, body) = MessageTemplates.Get(MessageTemplates.IdOf("offer", channel));
        Assert.Equal(MessageTemplates.Render(body, Values).Replace(MessageTemplates.PatientNamePlaceholder, Name, StringComparison.Ordinal), message.Body);
        Assert.Equal(MessageTemplates.Render(subject, Values), message.Subject);
    }

    [Fact]
    public async Task A_failing_engine_still_lets_the_patient_hear_about_the_offer()
    {
        var message = await Composer(new ScriptedChatClient(_ => throw new HttpRequestException("model endpoint down")))
            .ComposeAsync("m1", "t1", "offer", Patient, NotificationChannel.Sms, Values);

        Assert.Contains("Reply YES to accept or NO to decline", message.Body, StringComparison.Ordinal);
        Assert.StartsWith(Name, message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Patient_messages_keep_their_own_engine_beside_the_routing_reasoner()
    {
        // Both domains default an IChatClient; the reasoner answering patient messages would drop every text for the template.
        using var services = new ServiceCollection().AddLogging().AddRoutingServices().AddRescheduling().BuildServiceProvider();

        Assert.IsType<TemplateChatClient>(services.GetRequiredKeyedService<IChatClient>(PatientMessageComposer.ChatClientKey));
        Assert.IsNotType<TemplateChatClient>(services.GetRequiredService<IChatClient>());
    }

    private static PatientMessageComposer Composer(IChatClient engine) => new(engine, NullLogger<PatientMessageComposer>.Instance);

    // Stands in for a remote model endpoint: answers each prompt with the script and records what it was shown.
    private sealed class ScriptedChatClient(Func<string, string> script) : IChatClient
    {
        public List<string> Prompts { get; } = [];

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var prompt = string.Join("\n", messages.Select(static m => m.Text));
            Prompts.Add(prompt);
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, script(prompt))));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
