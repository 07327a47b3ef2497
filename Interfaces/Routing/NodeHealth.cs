using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Routing;

/// <summary>A node's health as its heartbeats report it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NodeHealth>))]
public enum NodeHealth
{
    /// <summary>Serving normally.</summary>
    Healthy,

    /// <summary>Serving, but slower or with errors: less reliable.</summary>
    Degraded,

    /// <summary>Not serving, or heartbeats stopped: never routed to.</summary>
    Unhealthy,
}
