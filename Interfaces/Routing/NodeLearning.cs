namespace Reroute.Interfaces.Routing;

/// <summary>What the monitor learned about one node, as the router applies it to its estimates.</summary>
public sealed record NodeLearning
{
    /// <summary>The node.</summary>
    public required string NodeId { get; init; }

    /// <summary>
    /// Observed over estimated latency, learned from outcomes and decaying back to 1 while the node is not observed (so a
    /// node that recovered gets traffic again); the router multiplies its latency estimate for the node by it.
    /// </summary>
    public double LatencyFactor { get; init; } = 1;

    /// <summary>Learned error rate, 0..1, decaying likewise; the router takes it off the node's reliability.</summary>
    public double ErrorRate { get; init; }

    /// <summary>Observations it was learned from.</summary>
    public long Samples { get; init; }
}
