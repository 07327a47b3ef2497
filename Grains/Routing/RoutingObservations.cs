using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>Turns how a routed request went into what the monitor learns from.</summary>
public static class RoutingObservations
{
    /// <summary>
    /// The observation of <paramref name="nodeId"/> serving (or failing) a request decided by <paramref name="decision"/>.
    /// The decision carries an estimate and cost for its primary only, so an outcome on the backup teaches latency
    /// statistics but not the latency factor.
    /// </summary>
    public static RoutingObservation From(RouteDecision? decision, string nodeId, ComputeTier fallbackTier, bool succeeded, double latencyMs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        var primary = decision is not null && string.Equals(decision.NodeId, nodeId, StringComparison.Ordinal);
        var backup = decision is not null && string.Equals(decision.BackupNodeId, nodeId, StringComparison.Ordinal);
        return new RoutingObservation
        {
            NodeId = nodeId,
            Tier = primary ? decision!.Tier ?? fallbackTier : backup ? decision!.BackupTier ?? fallbackTier : fallbackTier,
            Succeeded = succeeded,
            LatencyMs = latencyMs,
            EstimatedLatencyMs = primary ? decision!.EstimatedLatencyMs : 0,
            LatencySlaMs = decision?.LatencySlaMs ?? 0,
            Cost = primary ? decision!.EstimatedCost : 0,
            Policy = decision?.Policy ?? RoutingExperiment.ControlPolicy,
        };
    }
}
