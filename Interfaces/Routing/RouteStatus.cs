using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Routing;

/// <summary>Whether a route was found.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RouteStatus>))]
public enum RouteStatus
{
    /// <summary>A primary node was chosen.</summary>
    Routed,

    /// <summary>Every node failed a hard filter; the rationale says which.</summary>
    NoEligibleNode,
}
