namespace Reroute.Interfaces.Routing;

/// <summary>One node's circuit breaker (keyed by node id): counts outcomes, opens, probes, closes and ramps traffic back.</summary>
public interface ICircuitBreakerGrain : IGrainWithStringKey
{
    /// <summary>Counts one outcome (a failure, or a call slower than the slow-call threshold, counts against the node).</summary>
    Task<BreakerStatus> Record(RouteOutcome outcome);

    /// <summary>The breaker now, on the silo clock.</summary>
    [ReadOnly]
    Task<BreakerStatus> Status();
}
