namespace Reroute.Interfaces.Routing;

/// <summary>A latency the monitor flagged: far above its node's recent median by the robust z-score.</summary>
public sealed record LatencyAnomaly
{
    /// <summary>The node.</summary>
    public required string NodeId { get; init; }

    /// <summary>The latency, in milliseconds.</summary>
    public double LatencyMs { get; init; }

    /// <summary>The node's median latency at the time, in milliseconds.</summary>
    public double MedianMs { get; init; }

    /// <summary>The robust z-score (0.6745 × (latency − median) / MAD).</summary>
    public double RobustZ { get; init; }

    /// <summary>When it was observed.</summary>
    public DateTimeOffset At { get; init; }
}
