using System.Collections.Immutable;

namespace Reroute.Interfaces.Routing;

/// <summary>What a node's agent reports every few seconds: load, queue, backlog, health and warm models.</summary>
public sealed record MecNodeHeartbeat
{
    /// <summary>Requests being served now; never above the registered capacity.</summary>
    public int InFlight { get; init; }

    /// <summary>Requests waiting for a free slot.</summary>
    public int QueueDepth { get; init; }

    /// <summary>Expected remaining service of every running and queued request, in milliseconds; 0 when unknown.</summary>
    public double BacklogMs { get; init; }

    /// <summary>Observed mean service time, in milliseconds; 0 when unknown.</summary>
    public double MeanServiceMs { get; init; }

    /// <summary>The node's own view of its health.</summary>
    public NodeHealth Health { get; init; } = NodeHealth.Healthy;

    /// <summary>Models loaded now.</summary>
    public ImmutableArray<string> WarmModels { get; init; } = [];
}
