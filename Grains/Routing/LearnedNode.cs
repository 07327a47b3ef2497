namespace Reroute.Grains.Routing;

/// <summary>A node's learned estimates as stored: the values at <see cref="UpdatedAt"/>, before any decay since.</summary>
public sealed class LearnedNode
{
    /// <summary>Observed over estimated latency.</summary>
    public double LatencyFactor { get; set; } = 1;

    /// <summary>Error rate, 0..1.</summary>
    public double ErrorRate { get; set; }

    /// <summary>Observations learned from.</summary>
    public long Samples { get; set; }

    /// <summary>When the values were last updated.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
