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

    /// <summary>
    /// Share of a PHI-certified edge node's capacity above which its slots are kept for requests that cannot go elsewhere
    /// (PHI whose tenant bars the cloud): a request that another tier can serve within its SLA spills there instead. This is
    /// the level for requests of middling density; dense ones (<see cref="EdgeReserveMinTokensPerMs"/>) may fill every
    /// slot (not queue behind them) and sparse ones (<see cref="EdgeSparseTokensPerMs"/>) only up to
    /// <see cref="EdgeSparseReserveUtilization"/>.
    /// </summary>
    public double EdgeReserveUtilization { get; init; } = 0.75;

    /// <summary>
    /// Score taken off an edge node in its reserve, for requests another tier can serve within the SLA. At 1 or more a
    /// reserved slot loses to any candidate elsewhere that meets the SLA, since the weighted terms differ by at most 1.
    /// </summary>
    public double EdgeReservePenalty { get; init; } = 1;

    /// <summary>
    /// Tokens (input plus expected output) per millisecond of expected slot hold (service plus model load on that node) at
    /// and above which a request may take a reserved edge slot (every slot, not a queue behind them). The edge's saving is
    /// priced per token while a slot is held per millisecond: a long prompt with a short completion saves many tokens'
    /// price in a brief hold and hands the slot back soon, so a request that needs the reserve waits little behind it.
    /// </summary>
    public double EdgeReserveMinTokensPerMs { get; init; } = 10;

    /// <summary>
    /// Tokens per millisecond of slot hold below which a request is sparse: a long generation that holds a slot for seconds
    /// for a few hundred tokens. While another tier meets its SLA, it keeps to <see cref="EdgeSparseReserveUtilization"/>
    /// of a PHI-certified edge node, leaving the rest to denser requests and to those that cannot go elsewhere.
    /// </summary>
    public double EdgeSparseTokensPerMs { get; init; } = 2;

    /// <summary>Share of a PHI-certified edge node's capacity a sparse request that could go elsewhere may fill.</summary>
    public double EdgeSparseReserveUtilization { get; init; } = 0.5;

    /// <summary>
    /// Relative error the estimate of a queue may have (the work ahead is known by its expected, not its true, sizes): the
    /// pessimistic estimate adds this share of the queue, so an uncertain edge queue hedges towards another node.
    /// </summary>
    public double QueueUncertainty { get; init; } = 0.5;

    /// <summary>Relative error of service and model-load times (the output length is the caller's guess); added likewise.</summary>
    public double ServiceUncertainty { get; init; } = 0.5;

    /// <summary>
    /// Relative spread of a node's round trip above its median, about one spread of a WAN round trip (a cell's round trip
    /// is a few milliseconds, so this counts for the cloud).
    /// </summary>
    public double RttUncertainty { get; init; } = 0.25;

    /// <summary>
    /// Expected service over SLA at and below which a request is loose: scored with <see cref="Latency"/> and <see cref="Cost"/>.
    /// </summary>
    public double LooseServiceRatio { get; init; } = 0.35;

    /// <summary>
    /// Expected service over SLA at and above which a request is tight: scored with <see cref="TightLatency"/> and
    /// <see cref="TightCost"/> (linearly in between), because a tight SLA is met by the fastest node, not the cheapest.
    /// </summary>
    public double TightServiceRatio { get; init; } = 0.6;

    /// <summary>Weight of the latency slack for a tight request.</summary>
    public double TightLatency { get; init; } = 0.7;

    /// <summary>Weight of the saving for a tight request.</summary>
    public double TightCost { get; init; } = 0.1;

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
