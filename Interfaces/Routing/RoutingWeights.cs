namespace Reroute.Interfaces.Routing;

/// <summary>
/// How the planner weighs latency, cost and reliability, and the thresholds it decides with; learned and A/B-tested by the monitor.
/// </summary>
public sealed record RoutingWeights
{
    /// <summary>Weight of the latency slack (1 − estimate / SLA).</summary>
    public double Latency { get; init; } = 0.3;

    /// <summary>Weight of the saving against the reference price.</summary>
    public double Cost { get; init; } = 0.5;

    /// <summary>Weight of the node's reliability (health, breaker, warm model).</summary>
    public double Reliability { get; init; } = 0.2;

    /// <summary>Added to every candidate expected to meet its SLA with margin, so that any such candidate beats any that is not.</summary>
    public double FeasibleBonus { get; init; } = 1;

    /// <summary>Share of the SLA an estimate may use and still count as meeting it: the rest absorbs estimation error.</summary>
    public double SlaSafetyFactor { get; init; } = 0.7;

    /// <summary>The same for critical requests, which have less room for a retry.</summary>
    public double CriticalSlaSafetyFactor { get; init; } = 0.6;

    /// <summary>Price per 1,000 tokens that costs are scored against (the cloud list price), in dollars.</summary>
    public double ReferenceCostPer1kTokens { get; init; } = 0.002;

    /// <summary>Reliability of a degraded node.</summary>
    public double DegradedReliability { get; init; } = 0.6;

    /// <summary>Reliability of a node whose breaker is half-open.</summary>
    public double HalfOpenReliability { get; init; } = 0.5;

    /// <summary>Reliability factor where the model must be loaded first (load times vary).</summary>
    public double ColdReliability { get; init; } = 0.85;

    /// <summary>Below this battery charge the device tier is not used.</summary>
    public double MinDeviceBatteryPercent { get; init; } = 20;

    /// <summary>Share of capacity above which an edge node is kept for requests that cannot go elsewhere (PHI without cloud approval).</summary>
    public double EdgeReserveUtilization { get; init; } = 0.75;

    /// <summary>Score taken off per unit of utilization above <see cref="EdgeReserveUtilization"/> for requests that have another tier.</summary>
    public double EdgeReservePenalty { get; init; } = 1.5;

    /// <summary>Confidence above which a decision is in the high band.</summary>
    public double HighConfidence { get; init; } = 0.8;

    /// <summary>Confidence below which a decision is in the low band.</summary>
    public double LowConfidence { get; init; } = 0.5;

    /// <summary>Lowest factor the SLA margin applies to confidence (at zero margin).</summary>
    public double MarginConfidenceFloor { get; init; } = 0.5;

    /// <summary>First-attempt timeout as a multiple of the estimate, capped by the SLA.</summary>
    public double TimeoutHeadroom { get; init; } = 1.5;

    /// <summary>Shortest first-attempt timeout, in milliseconds.</summary>
    public double MinTimeoutMs { get; init; } = 50;

    /// <summary>First retry backoff, in milliseconds.</summary>
    public double RetryBackoffBaseMs { get; init; } = 20;

    /// <summary>Longest retry backoff, in milliseconds.</summary>
    public double RetryBackoffMaxMs { get; init; } = 200;
}
