using System.Text.Json.Serialization;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>What the reasoning engine must answer: a class, a complexity and how sure it is, as one JSON object.</summary>
internal sealed record ClassificationAnswer
{
    [JsonPropertyName("class")]
    public RequestClass? Class { get; init; }

    [JsonPropertyName("complexity")]
    public double? Complexity { get; init; }

    [JsonPropertyName("confidence")]
    public double? Confidence { get; init; }

    [JsonPropertyName("reason")]
    public string? Reason { get; init; }
}
