namespace Reroute.Interfaces.Routing;

/// <summary>A node's circuit breaker as the router reads it: state, and the share of traffic the node may take now.</summary>
public sealed record BreakerStatus
{
    /// <summary>The node.</summary>
    public required string NodeId { get; init; }

    /// <summary>Closed, open, or half-open (the break ended; a probe decides).</summary>
    public BreakerState State { get; init; } = BreakerState.Closed;

    /// <summary>
    /// Share of eligible requests the node may take, 0..1: 0 while open, a small probe share while half-open, rising to 1
    /// over the ramp after the breaker closes, so that a recovered node is not flooded at once.
    /// </summary>
    public double AdmitFraction { get; init; } = 1;

    /// <summary>When the breaker last changed state; null if it never did.</summary>
    public DateTimeOffset? ChangedAt { get; init; }
}
