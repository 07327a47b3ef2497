using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>What the monitor keeps across activations: what it learned and the running experiment. Windows are soft.</summary>
public sealed class MonitorState
{
    /// <summary>Learned estimates by node.</summary>
    public Dictionary<string, LearnedNode> Nodes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The running experiment; null when none.</summary>
    public RoutingExperiment? Experiment { get; set; }

    /// <summary>Recent SLA attainment (EWMA) of observations with a known SLA.</summary>
    public double SlaAttainment { get; set; } = 1;

    /// <summary>When <see cref="SlaAttainment"/> was last updated.</summary>
    public DateTimeOffset SlaUpdatedAt { get; set; }

    /// <summary>Bumped whenever what was learned changes.</summary>
    public long Version { get; set; }
}
