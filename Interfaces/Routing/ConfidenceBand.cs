using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Routing;

/// <summary>How far a caller may trust a routing decision.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConfidenceBand>))]
public enum ConfidenceBand
{
    /// <summary>Confidence below 0.5: consider reasoning or a hedge.</summary>
    Low,

    /// <summary>Between low and high.</summary>
    Medium,

    /// <summary>Confidence above 0.8.</summary>
    High,
}
