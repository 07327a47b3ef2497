namespace Reroute.Interfaces.Routing;

/// <summary>Latency and errors of one node or tier: counts, moving average and percentiles of the recent window.</summary>
public sealed record LatencyStats
{
    /// <summary>The node id, or the tier's name.</summary>
    public required string Key { get; init; }

    /// <summary>Observations since the monitor started.</summary>
    public long Count { get; init; }

    /// <summary>Failed observations since the monitor started.</summary>
    public long Errors { get; init; }

    /// <summary>Error rate, moving average (EWMA), 0..1.</summary>
    public double ErrorRate { get; init; }

    /// <summary>Latency moving average (EWMA), in milliseconds.</summary>
    public double EwmaMs { get; init; }

    /// <summary>Median latency of the recent window, in milliseconds.</summary>
    public double P50Ms { get; init; }

    /// <summary>95th percentile of the recent window, in milliseconds.</summary>
    public double P95Ms { get; init; }

    /// <summary>99th percentile of the recent window, in milliseconds.</summary>
    public double P99Ms { get; init; }
}
