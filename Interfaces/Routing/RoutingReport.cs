using System.Collections.Immutable;

namespace Reroute.Interfaces.Routing;

/// <summary>The monitor's report: latency per node and tier, recent anomalies, what was learned, and the A/B comparison.</summary>
public sealed record RoutingReport
{
    /// <summary>When the report was made.</summary>
    public DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Per node.</summary>
    public ImmutableArray<LatencyStats> Nodes { get; init; } = [];

    /// <summary>Per tier.</summary>
    public ImmutableArray<LatencyStats> Tiers { get; init; } = [];

    /// <summary>The most recent anomalies, newest first.</summary>
    public ImmutableArray<LatencyAnomaly> Anomalies { get; init; } = [];

    /// <summary>What the router applies.</summary>
    public RoutingLearning Learning { get; init; } = new();

    /// <summary>Per policy: the control and, while an experiment runs (or ran), the experiment.</summary>
    public ImmutableArray<PolicyArmStats> Arms { get; init; } = [];

    /// <summary>
    /// The policy ahead: the higher SLA attainment when the arms differ by more than the comparison margin, otherwise the
    /// lower mean cost; null until both arms have the minimum number of observations.
    /// </summary>
    public string? Leader { get; init; }
}
