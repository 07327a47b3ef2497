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

    // Every slot busy and none queued.
    private const double FullUtilization = 1;

    /// <summary>
    /// Estimates an edge or cloud node. <paramref name="keepEdgeReserve"/> says another tier can serve the request within
    /// its SLA, so a PHI-certified edge node's last slots are left to requests that cannot go elsewhere (PHI whose tenant
    /// bars the cloud).
    /// </summary>
    public static RouteEstimate Estimate(InferenceRequest request, RequestProfile profile, NodeSnapshot node, RoutingModel model, bool keepEdgeReserve = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(model);

        var speed = node.SpeedFactor > 0 ? node.SpeedFactor : 1;
        var nodeRtt = Math.Max(0, node.RttMs);
        var network = Math.Max(0, request.Network.RttMs) + nodeRtt + UploadMs(request, model.Latency);
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

        var reservePenalty = InEdgeReserve(node, keepEdgeReserve, weights, TokensPerHoldMs(request, service + cold)) ? weights.EdgeReservePenalty : 0;
        var parts = new LatencyParts(network, nodeRtt * learned, queue, service, cold);
        return Score(request, profile, node.Tier, parts, RouteFilter.Cost(request, node.CostPer1kTokens), reliability, weights, reservePenalty);
    }

    /// <summary>
    /// Whether taking one more request would put a PHI-certified edge node above the utilization
    /// <see cref="ReserveUtilization"/> allows a request of this density, while the request has another tier that meets its SLA.
    /// </summary>
    /// <param name="node">The edge node.</param>
    /// <param name="keepEdgeReserve">Whether another tier meets the request's SLA.</param>
    /// <param name="weights">The thresholds.</param>
    /// <param name="tokensPerHoldMs">The request's tokens per millisecond of slot hold on this node (<see cref="TokensPerHoldMs"/>).</param>
    public static bool InEdgeReserve(NodeSnapshot node, bool keepEdgeReserve, RoutingWeights weights, double tokensPerHoldMs)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(weights);
        if (!keepEdgeReserve || node.Tier != ComputeTier.Edge || node.CertifiedPrivacy.IsDefaultOrEmpty || !node.CertifiedPrivacy.Contains(PrivacyLevel.Phi))
        {
            return false;
        }

        var utilization = (node.InFlight + node.QueueDepth + 1) / (double)Math.Max(1, node.Capacity);
        return utilization > ReserveUtilization(tokensPerHoldMs, weights);
    }

    /// <summary>
    /// The share of a PHI-certified edge node's slots a request that could go elsewhere may fill, by its density: every slot,
    /// though not a queue behind them, when it is dense (at least <see cref="RoutingWeights.EdgeReserveMinTokensPerMs"/>: it
    /// saves the most per millisecond of slot and hands the slot back soon);
    /// <see cref="RoutingWeights.EdgeSparseReserveUtilization"/> when it is sparse (below
    /// <see cref="RoutingWeights.EdgeSparseTokensPerMs"/>: a long generation that would hold the slot for seconds for a few
    /// hundred tokens); <see cref="RoutingWeights.EdgeReserveUtilization"/> in between.
    /// </summary>
    public static double ReserveUtilization(double tokensPerHoldMs, RoutingWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return tokensPerHoldMs >= weights.EdgeReserveMinTokensPerMs ? FullUtilization
            : tokensPerHoldMs < weights.EdgeSparseTokensPerMs ? weights.EdgeSparseReserveUtilization
            : weights.EdgeReserveUtilization;
    }

    /// <summary>
    /// Tokens (input plus expected output) per millisecond a request holds a slot (<paramref name="holdMs"/>: its service plus
    /// model load on the node): what the edge's saving, which is priced per token, buys per millisecond of a scarce slot.
    /// </summary>
    public static double TokensPerHoldMs(InferenceRequest request, double holdMs)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tokens = Math.Max(0, request.InputTokens) + Math.Max(0, request.ExpectedOutputTokens);
        return holdMs > 0 ? tokens / holdMs : double.PositiveInfinity;
    }

    /// <summary>
    /// How tight the SLA is, 0 (loose: cost counts most) to 1 (tight: latency counts most), from the expected service over
    /// the SLA between <see cref="RoutingWeights.LooseServiceRatio"/> and <see cref="RoutingWeights.TightServiceRatio"/>.
    /// </summary>
    public static double Tightness(InferenceRequest request, RequestProfile profile, RoutingWeights weights)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(weights);
        if (!(request.LatencySlaMs > 0))
        {
            return 1;
        }

        var ratio = profile.Needs.ExpectedServiceMs / request.LatencySlaMs;
        var span = weights.TightServiceRatio - weights.LooseServiceRatio;
        return span > 0 ? Math.Clamp((ratio - weights.LooseServiceRatio) / span, 0, 1) : ratio >= weights.TightServiceRatio ? 1 : 0;
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
        return Score(request, profile, ComputeTier.Device, new LatencyParts(0, 0, 0, service, 0), RouteFilter.Cost(request, estimates.DeviceCostPer1kTokens), 1, model.Weights, 0);
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
        LatencyParts parts,
        double cost,
        double reliability,
        RoutingWeights weights,
        double reservePenalty)
    {
        var latency = parts.Network + parts.Queue + parts.Service + parts.Cold;

        // The pessimistic estimate raises each uncertain part by its relative error: the node's round trip (a WAN tail),
        // the queue (sized by expected, not true, work) and the service (the output length is a guess).
        var pessimistic = latency + parts.NodeRtt * weights.RttUncertainty + parts.Queue * weights.QueueUncertainty
            + (parts.Service + parts.Cold) * weights.ServiceUncertainty;
        var sla = request.LatencySlaMs;
        var meets = latency <= sla * SafetyFactor(profile, weights) && pessimistic <= sla;

        if (!meets)
        {
            // Best effort: nothing here is expected to meet the SLA, so the candidate most likely to come closest wins —
            // the lowest pessimistic latency — with reliability as the tie-break and never a saving. Below the reliability
            // weight, so below any candidate that meets the SLA while the feasible bonus is at least that weight.
            var bestEffort = weights.Reliability * reliability - pessimistic / sla - reservePenalty;
            return new RouteEstimate(tier, parts.Network, parts.Queue, parts.Service, parts.Cold, latency, pessimistic, cost, reliability, false, bestEffort);
        }

        var latencyScore = Math.Clamp(1 - pessimistic / sla, 0, 1);
        var reference = (Math.Max(0, request.InputTokens) + Math.Max(0, request.ExpectedOutputTokens)) / TokensPerThousand * weights.ReferenceCostPer1kTokens;
        var costScore = reference > 0 ? Math.Clamp(1 - cost / reference, 0, 1) : 1;

        // A tight SLA weighs latency (the slack left) more and the saving less; a loose one the other way round.
        var tightness = Tightness(request, profile, weights);
        var latencyWeight = weights.Latency + tightness * (weights.TightLatency - weights.Latency);
        var costWeight = weights.Cost + tightness * (weights.TightCost - weights.Cost);

        // A weighted sum ranks candidates that meet the SLA by slack, saving and reliability; the bonus makes meeting the
        // SLA lexicographically first, so a cheap node never wins by missing it.
        var score = latencyWeight * latencyScore + costWeight * costScore + weights.Reliability * reliability + weights.FeasibleBonus - reservePenalty;
        return new RouteEstimate(tier, parts.Network, parts.Queue, parts.Service, parts.Cold, latency, pessimistic, cost, reliability, true, score);
    }

    // The parts of a latency estimate; NodeRtt is the node's share of Network, the part with a WAN tail.
    private readonly record struct LatencyParts(double Network, double NodeRtt, double Queue, double Service, double Cold);

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
