using System.Collections.Immutable;

namespace Reroute.Interfaces.Routing;

/// <summary>Everything the router takes from the monitor: learned node estimates and the A/B experiment.</summary>
public sealed record RoutingLearning
{
    /// <summary>Bumped whenever what was learned changes, so decisions can name the version they used.</summary>
    public long Version { get; init; }

    /// <summary>Per node, only nodes observed at least once.</summary>
    public ImmutableArray<NodeLearning> Nodes { get; init; } = [];

    /// <summary>
    /// What the router multiplies its SLA safety factors by (1 = the configured weights): below 1 while recent requests
    /// miss their SLA more often than the target, so estimates must leave a wider margin to count as meeting it.
    /// </summary>
    public double SafetyScale { get; init; } = 1;

    /// <summary>Recent SLA attainment of routed requests with a known SLA (EWMA), 0..1.</summary>
    public double SlaAttainment { get; init; } = 1;

    /// <summary>The running experiment; null when none.</summary>
    public RoutingExperiment? Experiment { get; init; }
}
