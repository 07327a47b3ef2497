namespace Reroute.Interfaces.Routing;

/// <summary>What the monitor made of one observation: whether it is an anomaly, and what it learned.</summary>
public sealed record MonitorVerdict
{
    /// <summary>Whether the latency is an anomaly for its node (robust z-score above the threshold).</summary>
    public bool Anomaly { get; init; }

    /// <summary>The latency's robust z-score against the node's recent window (0 until the window has enough samples).</summary>
    public double RobustZ { get; init; }

    /// <summary>The node's latency moving average (EWMA) after this observation, in milliseconds.</summary>
    public double EwmaMs { get; init; }

    /// <summary>The node's learned latency factor after this observation (observed over estimated; 1 means on estimate).</summary>
    public double LatencyFactor { get; init; } = 1;
}
