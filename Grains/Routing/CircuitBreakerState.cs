namespace Reroute.Grains.Routing;

/// <summary>
/// What a breaker keeps across activations: whether it is open and since when, and when it last closed (for the ramp).
/// Polly's sampling window is not kept: a new activation counts failures afresh, but an open breaker stays open.
/// </summary>
public sealed class CircuitBreakerState
{
    /// <summary>When the breaker last opened; null while it is closed.</summary>
    public DateTimeOffset? OpenedAt { get; set; }

    /// <summary>When the breaker last closed; null if it never opened or is open now.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>When the breaker last changed state; null if it never did.</summary>
    public DateTimeOffset? ChangedAt { get; set; }
}
