using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>Counts one served (or failed) request in the breakers it concerns: its node's and its tier's.</summary>
public static class BreakerOutcomes
{
    /// <summary>Records the outcome in the node's breaker and in its tier's; returns the node's breaker.</summary>
    public static async Task<BreakerStatus> Record(IGrainFactory grains, ComputeTier tier, RouteOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(outcome);
        var node = grains.GetGrain<ICircuitBreakerGrain>(outcome.NodeId).Record(outcome);
        if (tier != ComputeTier.Device)
        {
            await grains.GetGrain<ICircuitBreakerGrain>(RoutingKeys.TierBreaker(tier)).Record(outcome);
        }

        return await node;
    }
}
