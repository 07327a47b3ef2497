namespace Reroute.Interfaces.Routing;

/// <summary>
/// Watches routed requests (key "default"): moving averages and percentiles per node and tier, anomaly detection, learned
/// latency estimates the router applies, and the A/B comparison between the control policy and an experiment.
/// </summary>
public interface IMonitorGrain : IGrainWithStringKey
{
    /// <summary>Learns from one observation.</summary>
    /// <exception cref="ArgumentException">An impossible value (negative or non-finite latency, empty node); nothing is learned.</exception>
    Task<MonitorVerdict> Observe(RoutingObservation observation);

    /// <summary>What the router applies now (learned factors decay on the silo clock).</summary>
    [ReadOnly]
    Task<RoutingLearning> Learned();

    /// <summary>Starts (or replaces) the A/B experiment; null stops it.</summary>
    /// <exception cref="ArgumentException">The name is empty or "control", or the fraction is outside 0..1.</exception>
    Task SetExperiment(RoutingExperiment? experiment);

    /// <summary>The report.</summary>
    [ReadOnly]
    Task<RoutingReport> Report();
}
