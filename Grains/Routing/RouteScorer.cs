using System.Collections.Immutable;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>
/// Estimates latency (network + queue + service + cold start), cost and reliability for one candidate that passed the
/// filters, and scores it. Every number comes from the <see cref="RoutingModel"/>, which the monitor learns.
/// </summary>
public static class RouteScorer
{
    private const double BitsPerByte = 8;
    private const double BitsPerMegabitPerMs = 1_000;
    private const double TokensPerThousand = 1_000;

    /// <summary>
    /// Estimates an edge or cloud node. <paramref name="keepEdgeReserve"/> says the request could go to another tier, so
    /// a busy edge node's last slots are left to requests that cannot (PHI without cloud approval).
    /// </summary>
    public static RouteEstimate Estimate(InferenceRequest request, RequestProfile profile, NodeSnapshot node, RoutingModel model, bool keepEdgeReserve = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(model);

        var speed = node.SpeedFactor > 0 ? node.SpeedFactor : 1;
        var network = Math.Max(0, request.Network.RttMs) + Math.Max(0, node.RttMs) + UploadMs(request, model.Latency);
        if (node.Tier == ComputeTier.Edge && !string.Equals(node.Cell, request.Cell, StringComparison.Ordinal))
        {
            network += model.Latency.CrossCellRttMs;
        }

        var service = profile.Needs.ExpectedServiceMs / speed;

        // With every slot taken, the wait is the work ahead shared over the slots. The node's own backlog is best, because
        // a mean over finished requests is biased to short ones (long ones are still running); the mean is the fallback.
        var capacity = Math.Max(1, node.Capacity);
        var ahead = node.InFlight + node.QueueDepth + 1 - capacity;
        var meanService = node.MeanServiceMs > 0 ? node.MeanServiceMs : service;
        var queue = ahead <= 0 ? 0
            : node.BacklogMs > 0 ? node.BacklogMs / capacity
            : ahead * meanService / capacity;

        var warm = Contains(node.WarmModels, request.RequiredModel);
        var cold = warm ? 0 : profile.Needs.ColdStartMs;

        // What the monitor learned of this node scales every part of the estimate alike: it was learned on the total.
        var learned = node.LatencyFactor > 0 ? node.LatencyFactor : 1;
        network *= learned;
        queue *= learned;
        service *= learned;
        cold *= learned;

        var weights = model.Weights;
        var reliability = (node.Health == NodeHealth.Degraded ? weights.DegradedReliability : 1) * (1 - Math.Clamp(node.ErrorRate, 0, 1));
        if (node.Breaker == BreakerState.HalfOpen)
        {
            reliability *= weights.HalfOpenReliability;
        }

        if (!warm)
        {
            reliability *= weights.ColdReliability;
        }

        var reservePenalty = 0.0;
        if (keepEdgeReserve && node.Tier == ComputeTier.Edge)
        {
            var utilization = (node.InFlight + node.QueueDepth + 1) / (double)capacity;
            reservePenalty = Math.Max(0, utilization - weights.EdgeReserveUtilization) * weights.EdgeReservePenalty;
        }

        return Score(request, profile, node.Tier, network, queue, service, cold, RouteFilter.Cost(request, node.CostPer1kTokens), reliability, weights, reservePenalty);
    }

    /// <summary>Estimates running on the requesting device: no network and no queue, but the device's own (slow) speed.</summary>
    public static RouteEstimate EstimateDevice(InferenceRequest request, RequestProfile profile, RoutingModel model)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(model);

        var estimates = model.Latency;
        var speed = request.Device.ComputeClass switch
        {
            ComputeClass.High => estimates.DeviceSpeedHigh,
            ComputeClass.Medium => estimates.DeviceSpeedMedium,
            ComputeClass.Low => estimates.DeviceSpeedLow,
            _ => 0,
        };
        var service = speed > 0 ? profile.Needs.ExpectedServiceMs / speed : double.PositiveInfinity;
        return Score(request, profile, ComputeTier.Device, 0, 0, service, 0, RouteFilter.Cost(request, estimates.DeviceCostPer1kTokens), 1, model.Weights, 0);
    }

    /// <summary>The share of the SLA an estimate may use for this request's class.</summary>
    public static double SafetyFactor(RequestProfile profile, RoutingWeights weights)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(weights);
        return profile.Class == RequestClass.Critical ? weights.CriticalSlaSafetyFactor : weights.SlaSafetyFactor;
    }

    private static RouteEstimate Score(
        InferenceRequest request,
        RequestProfile profile,
        ComputeTier tier,
        double network,
        double queue,
        double service,
        double cold,
        double cost,
        double reliability,
        RoutingWeights weights,
        double reservePenalty)
    {
        var latency = network + queue + service + cold;
        var sla = request.LatencySlaMs;
        var meets = latency <= sla * SafetyFactor(profile, weights);

        var latencyScore = Math.Clamp(1 - latency / sla, 0, 1);
        var reference = (Math.Max(0, request.InputTokens) + Math.Max(0, request.ExpectedOutputTokens)) / TokensPerThousand * weights.ReferenceCostPer1kTokens;
        var costScore = reference > 0 ? Math.Clamp(1 - cost / reference, 0, 1) : 1;

        // A weighted sum ranks candidates that all meet the SLA (or all miss it) by slack, saving and reliability; the
        // bonus makes meeting the SLA lexicographically first, so a cheap node never wins by missing it.
        var score = weights.Latency * latencyScore + weights.Cost * costScore + weights.Reliability * reliability
            + (meets ? weights.FeasibleBonus : 0) - reservePenalty;
        return new RouteEstimate(tier, network, queue, service, cold, latency, cost, reliability, meets, score);
    }

    private static double UploadMs(InferenceRequest request, LatencyEstimates estimates)
    {
        var bandwidth = request.Network.BandwidthMbps;
        if (bandwidth <= 0)
        {
            return 0;
        }

        var bytes = request.InputBytes > 0 ? request.InputBytes : Math.Max(0, request.InputTokens) * estimates.BytesPerTextToken;
        return bytes * BitsPerByte / (bandwidth * BitsPerMegabitPerMs);
    }

    private static bool Contains(ImmutableArray<string> values, string value)
    {
        if (values.IsDefaultOrEmpty)
        {
            return false;
        }

        foreach (var v in values)
        {
            if (string.Equals(v, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
