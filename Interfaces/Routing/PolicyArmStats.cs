namespace Reroute.Interfaces.Routing;

/// <summary>How one routing policy of an A/B test did on its share of the traffic.</summary>
public sealed record PolicyArmStats
{
    /// <summary>The policy ("control" or the experiment's name).</summary>
    public required string Policy { get; init; }

    /// <summary>Observations.</summary>
    public long Requests { get; init; }

    /// <summary>Share of observations with a known SLA that succeeded within it, 0..1.</summary>
    public double SlaAttainment { get; init; }

    /// <summary>Share that failed, 0..1.</summary>
    public double ErrorRate { get; init; }

    /// <summary>Mean latency, in milliseconds.</summary>
    public double MeanLatencyMs { get; init; }

    /// <summary>99th percentile of the recent window, in milliseconds.</summary>
    public double P99Ms { get; init; }

    /// <summary>Mean estimated cost per request, in dollars.</summary>
    public double MeanCost { get; init; }
}
