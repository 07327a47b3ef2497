using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Routing;

/// <summary>Where an inference can run.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ComputeTier>))]
public enum ComputeTier
{
    /// <summary>On the requesting device itself: no network, no queue, slow compute.</summary>
    Device,

    /// <summary>A multi-access edge computing node near the device's cell.</summary>
    Edge,

    /// <summary>A cloud region: large capacity, higher round trip and cost.</summary>
    Cloud,
}
