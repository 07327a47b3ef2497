using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Reroute.Grains.Routing;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Inference;

/// <summary>
/// The built-in reasoning engine: deterministic rules, no network, the default <see cref="IChatClient"/>. It knows the
/// tasks Reroute sends by the id their system message starts with and answers anything else with a refusal. For request
/// classification it takes a second, more careful look than the fast classifier: it counts the cold start against the
/// SLA, and inside the band around the complex threshold it errs to the heavier class, because under-provisioning a
/// request costs an SLA miss while over-provisioning costs only money.
/// </summary>
public sealed class RuleBasedChatClient : IChatClient
{
    /// <summary>The engine's model id, reported in every response.</summary>
    public const string ModelId = "reroute-rules-v1";

    /// <summary>What the engine answers to a task it does not know.</summary>
    public const string UnknownTaskAnswer = "The built-in engine answers only Reroute's own tasks.";

    // Half-width of the band below the complex threshold in which an unsure request is treated as complex.
    private const double ComplexBand = 0.1;

    // How sure the engine is of a rule that fired on a hard number (the SLA), and of one that leans on the band.
    private const double HardRuleConfidence = 0.85;
    private const double BandRuleConfidence = 0.7;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        var text = ClassificationPrompt.TryReadFeatures(messages, out var features) ? Classify(features) : UnknownTaskAnswer;
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)) { ModelId = ModelId, FinishReason = ChatFinishReason.Stop });
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private static string Classify(ClassificationFeatures f)
    {
        var work = f.ExpectedServiceMs + f.ColdStartMs;
        ClassificationAnswer answer;
        if (f.SlaMs > 0 && (f.SlaMs <= f.CriticalSlaMs || work >= f.SlaMs * f.TightSlaRatio))
        {
            answer = new ClassificationAnswer
            {
                Class = RequestClass.Critical,
                Complexity = f.Complexity,
                Confidence = HardRuleConfidence,
                Reason = string.Create(CultureInfo.InvariantCulture, $"service with cold start {work:F0} ms against an SLA of {f.SlaMs:F0} ms leaves little slack"),
            };
        }
        else if (!f.ModelKnown || f.InputTokens <= 0 || f.Complexity >= f.ComplexThreshold - ComplexBand)
        {
            answer = new ClassificationAnswer
            {
                Class = RequestClass.Complex,
                Complexity = Math.Max(f.Complexity, f.ComplexThreshold),
                Confidence = BandRuleConfidence,
                Reason = !f.ModelKnown || f.InputTokens <= 0
                    ? "size or model unknown: provisioned as complex"
                    : "near the complex threshold: provisioned as complex",
            };
        }
        else
        {
            answer = new ClassificationAnswer
            {
                Class = RequestClass.Simple,
                Complexity = f.Complexity,
                Confidence = HardRuleConfidence,
                Reason = "clear of the complex threshold with slack in the SLA",
            };
        }

        return JsonSerializer.Serialize(answer, Json);
    }
}
