using System.Text.Json.Serialization;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>
/// What the reasoning engine is shown of a request: sizes, model, SLA and the classifier's own answer, never the
/// payload, so a prompt sent off-site carries no patient data.
/// </summary>
internal sealed record ClassificationFeatures
{
    [JsonPropertyName("modality")]
    public Modality Modality { get; init; }

    [JsonPropertyName("inputTokens")]
    public double InputTokens { get; init; }

    [JsonPropertyName("outputTokens")]
    public int OutputTokens { get; init; }

    [JsonPropertyName("modelKnown")]
    public bool ModelKnown { get; init; }

    [JsonPropertyName("slaMs")]
    public double SlaMs { get; init; }

    [JsonPropertyName("expectedServiceMs")]
    public double ExpectedServiceMs { get; init; }

    [JsonPropertyName("coldStartMs")]
    public double ColdStartMs { get; init; }

    [JsonPropertyName("class")]
    public RequestClass Class { get; init; }

    [JsonPropertyName("complexity")]
    public double Complexity { get; init; }

    [JsonPropertyName("confidence")]
    public double Confidence { get; init; }

    [JsonPropertyName("complexThreshold")]
    public double ComplexThreshold { get; init; }

    [JsonPropertyName("tightSlaRatio")]
    public double TightSlaRatio { get; init; }

    [JsonPropertyName("criticalSlaMs")]
    public double CriticalSlaMs { get; init; }
}
