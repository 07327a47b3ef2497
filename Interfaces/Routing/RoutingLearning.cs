using System.Collections.Immutable;

namespace Reroute.Interfaces.Routing;

/// <summary>Everything the router takes from the monitor: learned node estimates and the A/B experiment.</summary>
public sealed record RoutingLearning
{
    /// <summary>Bumped whenever what was learned changes, so decisions can name the version they used.</summary>
    public long Version { get; init; }

    /// <summary>Per node, only nodes observed at least once.</summary>
    public ImmutableArray<NodeLearning> Nodes { get; init; } = [];

    /// <summary>The running experiment; null when none.</summary>
    public RoutingExperiment? Experiment { get; init; }
}
