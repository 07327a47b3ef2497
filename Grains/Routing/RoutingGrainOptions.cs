using System.ComponentModel.DataAnnotations;

namespace Reroute.Grains.Routing;

/// <summary>The routing grains' defaults, bound from <c>Reroute:Routing</c>.</summary>
public sealed record RoutingGrainOptions : IValidatableObject
{
    // Bounds on what the options may be set to: wide enough for any deployment, narrow enough to catch a unit mistake.
    private const int MaxDecisionLogCapacity = 100_000;
    private const int MaxDecisionCacheCapacity = 1_000_000;
    private const int MaxLookbackDays = 366;
    private const int MaxThroughput = 10_000;
    private const double MaxZThreshold = 100;
    private const double MaxLearnedFactor = 1_000;

    /// <summary>The configuration section.</summary>
    public const string Section = "Reroute:Routing";

    /// <summary>A node whose last heartbeat (or registration, before its first) is older than this is unhealthy.</summary>
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a node's grain timer checks for missed heartbeats.</summary>
    public TimeSpan HeartbeatCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How old the router's snapshot of nodes and breakers may get before it is rebuilt.</summary>
    public TimeSpan SnapshotRefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How old a cached decision may be and still be reused for a request of the same shape when the planner cannot run
    /// (no node snapshot ever taken, tenant policy or classifier unreachable). Zero turns the fallback off.
    /// </summary>
    public TimeSpan CachedDecisionMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Request shapes (tenant, privacy, model, region, cell, compliance tags) the silo's decision cache holds.</summary>
    public int CachedDecisionCapacity { get; set; } = 10_000;

    /// <summary>Share of failed calls in the sampling window that opens a node's breaker.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Calls the sampling window must hold before the ratio can open the breaker.</summary>
    public int BreakerMinimumThroughput { get; set; } = 5;

    /// <summary>Calls a tier's breaker must see in the window before it can open: a whole tier needs more evidence than a node.</summary>
    public int TierBreakerMinimumThroughput { get; set; } = 20;

    /// <summary>The window failures are counted over.</summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open breaker keeps traffic away before a probe may go.</summary>
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A call slower than this counts as a failure even if it answered, in milliseconds.</summary>
    public double SlowCallMs { get; set; } = 10_000;

    /// <summary>Share of eligible requests a half-open node takes: enough to probe it, few enough to lose little.</summary>
    public double HalfOpenAdmitFraction { get; set; } = 0.1;

    /// <summary>Share of traffic a node takes right after its breaker closes; it rises linearly to all over the ramp.</summary>
    public double RampInitialFraction { get; set; } = 0.25;

    /// <summary>How long traffic takes to return fully after a breaker closes.</summary>
    public TimeSpan RampDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Decisions one tenant-day log keeps; the oldest go first.</summary>
    public int DecisionLogCapacity { get; set; } = 1_000;

    /// <summary>
    /// How often a decision log writes what it appended since its last write. A log is written whole, so writing on
    /// every append would cost a full log per decision; a crash loses at most this much history.
    /// </summary>
    public TimeSpan DecisionLogFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Unwritten decisions that make a log write at once, without waiting for the interval.</summary>
    public int DecisionLogFlushBatch { get; set; } = 256;

    /// <summary>Days back a decision query looks, today included.</summary>
    public int DecisionLookbackDays { get; set; } = 7;

    /// <summary>Decisions a query returns when it names no limit.</summary>
    public int DefaultDecisionQueryLimit { get; set; } = 50;

    /// <summary>Most decisions one query returns.</summary>
    public int MaxDecisionQueryLimit { get; set; } = 500;

    /// <summary>Below this classifier confidence the context grain consults the reasoning engine (if the SLA leaves time).</summary>
    public double ReasoningConfidenceThreshold { get; set; } = 0.6;

    /// <summary>
    /// Slack the SLA must leave beyond the request's expected service time before the reasoning engine is consulted, in
    /// milliseconds: a tight request cannot afford the engine's answer time.
    /// </summary>
    public double ReasoningMinSlackMs { get; set; } = 1_000;

    /// <summary>Longest wait for the reasoning engine; after it the classifier's answer stands. Below the minimum slack.</summary>
    public TimeSpan ReasoningTimeout { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>A cached model no request used for this long is unloaded (unless in use).</summary>
    public TimeSpan CacheIdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often a node's cache looks for idle models.</summary>
    public TimeSpan CacheIdleCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Requests in one <see cref="PreDeployWindow"/> that find a model cold on a healthy edge node of their cell that hosts
    /// it, after which the router asks that node to load it.
    /// </summary>
    public int PreDeployAfterRequests { get; set; } = 3;

    /// <summary>The window hot-model demand is counted over.</summary>
    public TimeSpan PreDeployWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Latencies per node and tier the monitor keeps for percentiles and the robust z-score.</summary>
    public int MonitorWindowSize { get; set; } = 256;

    /// <summary>Weight of the newest observation in the monitor's moving averages (EWMA), 0..1.</summary>
    public double MonitorEwmaAlpha { get; set; } = 0.2;

    /// <summary>Robust z-score above which a latency is an anomaly (3.5 is Iglewicz and Hoaglin's outlier cut).</summary>
    public double AnomalyZThreshold { get; set; } = 3.5;

    /// <summary>Latencies a node's window must hold before anomalies are flagged.</summary>
    public int AnomalyMinSamples { get; set; } = 20;

    /// <summary>Anomalies the report keeps.</summary>
    public int AnomaliesKept { get; set; } = 100;

    /// <summary>How far one outcome moves a node's learned latency factor toward what it observed, 0..1.</summary>
    public double LearningRate { get; set; } = 0.3;

    /// <summary>A learned factor or error rate halves its distance to neutral in this long without observations.</summary>
    public TimeSpan LearnedDecayHalfLife { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest learned latency factor (the smallest is its inverse): a bound on what one bad minute can teach.</summary>
    public double MaxLatencyFactor { get; set; } = 20;

    /// <summary>How often the monitor writes what it learned, when it learned something.</summary>
    public TimeSpan MonitorFlushInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>SLA attainment the router aims at; below it the monitor narrows the SLA safety factors.</summary>
    public double SlaTarget { get; set; } = 0.99;

    /// <summary>Weight of the newest observation in the monitor's SLA attainment average, 0..1 (slow: a trend, not a blip).</summary>
    public double SlaAttainmentAlpha { get; set; } = 0.05;

    /// <summary>How strongly a shortfall narrows the safety factors: the scale is 1 − gain × (target − attainment).</summary>
    public double SafetyGain { get; set; } = 2;

    /// <summary>The narrowest scale the safety factors may be multiplied by.</summary>
    public double MinSafetyScale { get; set; } = 0.7;

    /// <summary>Observations each A/B arm needs before the report names a leader.</summary>
    public int ExperimentMinRequests { get; set; } = 30;

    /// <summary>SLA attainment difference below which the A/B arms count as tied on SLA, and the cheaper one leads.</summary>
    public double ExperimentSlaMargin { get; set; } = 0.01;

    /// <summary>Problems with the values, each naming its member.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value, min, max) in new[]
        {
            (nameof(HeartbeatTimeout), HeartbeatTimeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromDays(1)),
            (nameof(HeartbeatCheckInterval), HeartbeatCheckInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1)),
            (nameof(SnapshotRefreshInterval), SnapshotRefreshInterval, TimeSpan.Zero, TimeSpan.FromHours(1)),
            (nameof(CachedDecisionMaxAge), CachedDecisionMaxAge, TimeSpan.Zero, TimeSpan.FromDays(1)),
            (nameof(BreakerSamplingDuration), BreakerSamplingDuration, TimeSpan.FromMilliseconds(500), TimeSpan.FromDays(1)),
            (nameof(BreakerBreakDuration), BreakerBreakDuration, TimeSpan.FromMilliseconds(500), TimeSpan.FromDays(1)),
            (nameof(RampDuration), RampDuration, TimeSpan.Zero, TimeSpan.FromDays(1)),
            (nameof(DecisionLogFlushInterval), DecisionLogFlushInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1)),
            (nameof(ReasoningTimeout), ReasoningTimeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1)),
            (nameof(CacheIdleTimeout), CacheIdleTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromDays(30)),
            (nameof(CacheIdleCheckInterval), CacheIdleCheckInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1)),
            (nameof(PreDeployWindow), PreDeployWindow, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)),
            (nameof(LearnedDecayHalfLife), LearnedDecayHalfLife, TimeSpan.FromSeconds(1), TimeSpan.FromDays(7)),
            (nameof(MonitorFlushInterval), MonitorFlushInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1)),
        })
        {
            if (value < min || value > max)
            {
                yield return new ValidationResult($"must be between {min} and {max} (was {value}).", [name]);
            }
        }

        foreach (var (name, value) in new[]
        {
            (nameof(BreakerFailureRatio), BreakerFailureRatio),
            (nameof(HalfOpenAdmitFraction), HalfOpenAdmitFraction),
            (nameof(RampInitialFraction), RampInitialFraction),
            (nameof(ReasoningConfidenceThreshold), ReasoningConfidenceThreshold),
            (nameof(MonitorEwmaAlpha), MonitorEwmaAlpha),
            (nameof(LearningRate), LearningRate),
            (nameof(ExperimentSlaMargin), ExperimentSlaMargin),
            (nameof(SlaTarget), SlaTarget),
            (nameof(SlaAttainmentAlpha), SlaAttainmentAlpha),
            (nameof(MinSafetyScale), MinSafetyScale),
        })
        {
            if (!(value > 0 && value <= 1))
            {
                yield return new ValidationResult($"must be above 0 and at most 1 (was {value}).", [name]);
            }
        }

        foreach (var (name, value, max) in new[]
        {
            (nameof(BreakerMinimumThroughput), BreakerMinimumThroughput, MaxThroughput),
            (nameof(TierBreakerMinimumThroughput), TierBreakerMinimumThroughput, MaxThroughput),
            (nameof(DecisionLogCapacity), DecisionLogCapacity, MaxDecisionLogCapacity),
            (nameof(CachedDecisionCapacity), CachedDecisionCapacity, MaxDecisionCacheCapacity),
            (nameof(DecisionLogFlushBatch), DecisionLogFlushBatch, MaxDecisionLogCapacity),
            (nameof(DecisionLookbackDays), DecisionLookbackDays, MaxLookbackDays),
            (nameof(MaxDecisionQueryLimit), MaxDecisionQueryLimit, MaxDecisionLogCapacity),
            (nameof(PreDeployAfterRequests), PreDeployAfterRequests, MaxThroughput),
            (nameof(MonitorWindowSize), MonitorWindowSize, MaxThroughput),
            (nameof(AnomalyMinSamples), AnomalyMinSamples, MaxThroughput),
            (nameof(AnomaliesKept), AnomaliesKept, MaxThroughput),
            (nameof(ExperimentMinRequests), ExperimentMinRequests, MaxThroughput),
        })
        {
            if (value < 1 || value > max)
            {
                yield return new ValidationResult($"must be between 1 and {max} (was {value}).", [name]);
            }
        }

        if (DefaultDecisionQueryLimit < 1 || DefaultDecisionQueryLimit > MaxDecisionQueryLimit)
        {
            yield return new ValidationResult($"must be between 1 and MaxDecisionQueryLimit ({MaxDecisionQueryLimit}) (was {DefaultDecisionQueryLimit}).", [nameof(DefaultDecisionQueryLimit)]);
        }

        if (!(ReasoningMinSlackMs >= ReasoningTimeout.TotalMilliseconds))
        {
            yield return new ValidationResult($"must be at least ReasoningTimeout ({ReasoningTimeout.TotalMilliseconds} ms) (was {ReasoningMinSlackMs}).", [nameof(ReasoningMinSlackMs)]);
        }

        if (!(AnomalyZThreshold > 0 && AnomalyZThreshold <= MaxZThreshold))
        {
            yield return new ValidationResult($"must be above 0 and at most {MaxZThreshold} (was {AnomalyZThreshold}).", [nameof(AnomalyZThreshold)]);
        }

        if (!(MaxLatencyFactor > 1 && MaxLatencyFactor <= MaxLearnedFactor))
        {
            yield return new ValidationResult($"must be above 1 and at most {MaxLearnedFactor} (was {MaxLatencyFactor}).", [nameof(MaxLatencyFactor)]);
        }

        if (!(SafetyGain >= 0 && SafetyGain <= MaxZThreshold))
        {
            yield return new ValidationResult($"must be between 0 and {MaxZThreshold} (was {SafetyGain}).", [nameof(SafetyGain)]);
        }

        if (!(SlowCallMs > 0))
        {
            yield return new ValidationResult($"must be positive (was {SlowCallMs}).", [nameof(SlowCallMs)]);
        }
    }
}
