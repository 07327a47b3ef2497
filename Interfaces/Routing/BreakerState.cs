using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Routing;

/// <summary>The state of a node's circuit breaker, as the router's breakers report it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BreakerState>))]
public enum BreakerState
{
    /// <summary>Traffic flows.</summary>
    Closed,

    /// <summary>Recent failures: no traffic until the break ends.</summary>
    Open,

    /// <summary>The break ended: probe traffic only, so a recovered node is trusted gradually.</summary>
    HalfOpen,
}
