using System.Text.Json;
using Microsoft.Extensions.AI;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>
/// The prompt that asks a reasoning engine to classify a request the classifier was unsure about, and the strict reading
/// of its answer: anything but one JSON object with a known class and numbers in range is no answer.
/// </summary>
public static class ClassificationPrompt
{
    /// <summary>The task id the system message starts with; the built-in engine recognises its tasks by it.</summary>
    public const string Task = "reroute.classify-request.v1";

    private const int MaxAnswerChars = 4_096;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly string Instructions = Task + "\n" +
        "Classify an AI inference request for routing as simple, complex or critical. " +
        "critical: the SLA leaves little slack for the expected service time (cold start included). " +
        "complex: large input, output or model. simple: everything else. " +
        "The user message holds the request's features and a fast classifier's unsure answer. " +
        "Answer with one JSON object only: {\"class\":\"Simple|Complex|Critical\",\"complexity\":0..1,\"confidence\":0..1,\"reason\":\"...\"}.";

    /// <summary>The messages for one request: the instructions, then the features as JSON.</summary>
    public static IList<ChatMessage> Build(InferenceRequest request, RequestProfile profile, ClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(options);
        var features = new ClassificationFeatures
        {
            Modality = request.Modality,
            InputTokens = request.InputTokens > 0 ? request.InputTokens : Math.Max(0, request.InputBytes) / options.MediaBytesPerToken,
            OutputTokens = Math.Max(0, request.ExpectedOutputTokens),
            ModelKnown = profile.ModelKnown,
            SlaMs = request.LatencySlaMs,
            ExpectedServiceMs = profile.Needs.ExpectedServiceMs,
            ColdStartMs = profile.Needs.ColdStartMs,
            Class = profile.Class,
            Complexity = profile.Complexity,
            Confidence = profile.Confidence,
            ComplexThreshold = options.ComplexThreshold,
            TightSlaRatio = options.TightSlaRatio,
            CriticalSlaMs = options.CriticalSlaMs,
        };
        return
        [
            new ChatMessage(ChatRole.System, Instructions),
            new ChatMessage(ChatRole.User, JsonSerializer.Serialize(features, Json)),
        ];
    }

    /// <summary>Reads the features back from a prompt <see cref="Build"/> made; false for any other prompt.</summary>
    internal static bool TryReadFeatures(IEnumerable<ChatMessage> messages, out ClassificationFeatures features)
    {
        features = new ClassificationFeatures();
        var list = messages as IList<ChatMessage> ?? [.. messages];
        if (list.Count < 2 || list[0].Role != ChatRole.System || !list[0].Text.StartsWith(Task, StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            features = JsonSerializer.Deserialize<ClassificationFeatures>(list[^1].Text, Json) ?? features;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Applies an answer to the classifier's profile (resource needs stay the classifier's: they are arithmetic, not
    /// judgement). False when the answer is not exactly one JSON object with a class and in-range numbers.
    /// </summary>
    public static bool TryApply(string? answer, RequestProfile profile, out RequestProfile reasoned)
    {
        ArgumentNullException.ThrowIfNull(profile);
        reasoned = profile;
        if (string.IsNullOrWhiteSpace(answer) || answer.Length > MaxAnswerChars)
        {
            return false;
        }

        ClassificationAnswer? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<ClassificationAnswer>(answer.Trim(), Json);
        }
        catch (JsonException)
        {
            return false;
        }

        if (parsed?.Class is not { } cls || !Enum.IsDefined(cls)
            || parsed.Complexity is not { } complexity || !(complexity >= 0 && complexity <= 1)
            || parsed.Confidence is not { } confidence || !(confidence >= 0 && confidence <= 1))
        {
            return false;
        }

        reasoned = profile with { Class = cls, Complexity = complexity, Confidence = confidence, Source = ClassificationSource.Reasoner };
        return true;
    }
}
