using System.Globalization;
using System.Runtime.InteropServices;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>
/// Plans a route: hard filters first (<see cref="RouteFilter"/>), then scores (<see cref="RouteScorer"/>), then the primary,
/// a backup on another node (another tier where one is eligible), confidence, rationale, timeout and retry plan.
/// Pure and allocation-light: the only allocations are the decision, its rationale and the retry plan.
/// </summary>
public static class RoutePlanner
{
    /// <summary>The node id decisions use for the requesting device.</summary>
    public const string DeviceNodeId = "device";

    private const int DeviceIndex = -1;
    private const int NoCandidate = -2;
    private const int TierCount = 3;
    private const int MaxStackNodes = 256;

    private static readonly int VerdictCount = Enum.GetValues<FilterVerdict>().Length;

    /// <summary>Classifies the request, then plans it.</summary>
    public static RouteDecision Route(InferenceRequest request, ReadOnlySpan<NodeSnapshot> nodes, TenantPolicy policy, RoutingModel model) =>
        Plan(request, RequestClassifier.Classify(request, model), nodes, policy, model);

    /// <summary>Plans a classified request over a snapshot of the nodes.</summary>
    /// <exception cref="ArgumentException">The policy is another tenant's, or the SLA is not positive.</exception>
    public static RouteDecision Plan(InferenceRequest request, RequestProfile profile, ReadOnlySpan<NodeSnapshot> nodes, TenantPolicy policy, RoutingModel model)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(model);
        if (!string.Equals(policy.TenantId, request.TenantId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The policy is tenant '{policy.TenantId}''s, the request tenant '{request.TenantId}''s.", nameof(policy));
        }

        if (!(request.LatencySlaMs > 0))
        {
            throw new ArgumentException("LatencySlaMs must be positive.", nameof(request));
        }

        Span<int> excluded = stackalloc int[VerdictCount];
        var eligible = nodes.Length <= MaxStackNodes ? stackalloc bool[nodes.Length] : new bool[nodes.Length];

        // Pass 1: hard filters.
        var deviceVerdict = RouteFilter.CheckDevice(request, profile, policy, model);
        excluded[(int)deviceVerdict]++;
        for (var i = 0; i < nodes.Length; i++)
        {
            var verdict = RouteFilter.Check(request, profile, nodes[i], policy);
            excluded[(int)verdict]++;
            eligible[i] = verdict == FilterVerdict.Eligible;
        }

        // Pass 2: score; keep the best two per tier, which is all the primary and backup choice below needs.
        Span<int> best = stackalloc int[TierCount];
        Span<int> second = stackalloc int[TierCount];
        Span<double> bestScore = stackalloc double[TierCount];
        Span<double> secondScore = stackalloc double[TierCount];
        best.Fill(NoCandidate);
        second.Fill(NoCandidate);
        // The other tiers go first: whether one of them meets the SLA decides if edge slots are kept in reserve for requests
        // that have nowhere else to go (PHI whose tenant bars the cloud).
        var feasibleElsewhere = false;
        if (deviceVerdict == FilterVerdict.Eligible)
        {
            var device = RouteScorer.EstimateDevice(request, profile, model);
            feasibleElsewhere = device.MeetsSla;
            Offer((int)ComputeTier.Device, DeviceIndex, device.Score, best, second, bestScore, secondScore);
        }

        for (var i = 0; i < nodes.Length; i++)
        {
            if (eligible[i] && nodes[i].Tier != ComputeTier.Edge)
            {
                var estimate = RouteScorer.Estimate(request, profile, nodes[i], model);
                feasibleElsewhere |= estimate.MeetsSla;
                Offer((int)nodes[i].Tier, i, estimate.Score, best, second, bestScore, secondScore);
            }
        }

        for (var i = 0; i < nodes.Length; i++)
        {
            if (eligible[i] && nodes[i].Tier == ComputeTier.Edge)
            {
                var estimate = RouteScorer.Estimate(request, profile, nodes[i], model, feasibleElsewhere);
                Offer((int)nodes[i].Tier, i, estimate.Score, best, second, bestScore, secondScore);
            }
        }

        var primaryTier = NoCandidate;
        for (var t = 0; t < TierCount; t++)
        {
            if (best[t] != NoCandidate && (primaryTier == NoCandidate || bestScore[t] > bestScore[primaryTier]))
            {
                primaryTier = t;
            }
        }

        if (primaryTier == NoCandidate)
        {
            return NoRoute(request, profile, excluded);
        }

        // The backup is the best of the other tiers, so one tier's outage does not take both; the same tier's runner-up otherwise.
        var backupTier = NoCandidate;
        for (var t = 0; t < TierCount; t++)
        {
            if (t != primaryTier && best[t] != NoCandidate && (backupTier == NoCandidate || bestScore[t] > bestScore[backupTier]))
            {
                backupTier = t;
            }
        }

        var backupIndex = backupTier != NoCandidate ? best[backupTier] : second[primaryTier];
        var backupOtherTier = backupTier != NoCandidate;
        var primaryIndex = best[primaryTier];

        var primary = EstimateOf(request, profile, nodes, primaryIndex, model, feasibleElsewhere);
        RouteEstimate? backup = backupIndex != NoCandidate ? EstimateOf(request, profile, nodes, backupIndex, model, feasibleElsewhere) : null;
        return Decide(request, profile, nodes, model, excluded, primaryIndex, primary, backupIndex, backup, backupOtherTier);
    }

    private static void Offer(int tier, int index, double score, Span<int> best, Span<int> second, Span<double> bestScore, Span<double> secondScore)
    {
        if (best[tier] == NoCandidate || score > bestScore[tier])
        {
            second[tier] = best[tier];
            secondScore[tier] = bestScore[tier];
            best[tier] = index;
            bestScore[tier] = score;
        }
        else if (second[tier] == NoCandidate || score > secondScore[tier])
        {
            second[tier] = index;
            secondScore[tier] = score;
        }
    }

    private static RouteEstimate EstimateOf(InferenceRequest request, RequestProfile profile, ReadOnlySpan<NodeSnapshot> nodes, int index, RoutingModel model, bool keepEdgeReserve) =>
        index == DeviceIndex
            ? RouteScorer.EstimateDevice(request, profile, model)
            : RouteScorer.Estimate(request, profile, nodes[index], model, keepEdgeReserve);

    private static string NodeIdOf(ReadOnlySpan<NodeSnapshot> nodes, int index) => index == DeviceIndex ? DeviceNodeId : nodes[index].NodeId;

    private static RouteDecision Decide(
        InferenceRequest request,
        RequestProfile profile,
        ReadOnlySpan<NodeSnapshot> nodes,
        RoutingModel model,
        ReadOnlySpan<int> excluded,
        int primaryIndex,
        RouteEstimate primary,
        int backupIndex,
        RouteEstimate? backup,
        bool backupOtherTier)
    {
        var weights = model.Weights;
        var sla = request.LatencySlaMs;
        var safety = RouteScorer.SafetyFactor(profile, weights);

        // Confidence: the classifier's, times the node's reliability, times how much of the safety margin is left.
        var margin = Math.Clamp((1 - primary.LatencyMs / sla) / (1 - safety), 0, 1);
        var confidence = profile.Confidence * primary.Reliability * (weights.MarginConfidenceFloor + (1 - weights.MarginConfidenceFloor) * margin);

        // Wait for the primary a little longer than expected, never past the SLA while the SLA is reachable; when nothing
        // reaches it the request is best effort and gets the time its estimate says it needs.
        var timeout = Math.Max(primary.LatencyMs * weights.TimeoutHeadroom, weights.MinTimeoutMs);
        if (primary.MeetsSla)
        {
            timeout = Math.Min(timeout, sla);
        }

        var retryLatency = backup?.LatencyMs ?? primary.LatencyMs;
        var retry = new RetryPlan
        {
            MaxAttempts = 2,
            PerAttemptTimeoutMs = timeout,
            BackoffBaseMs = weights.RetryBackoffBaseMs,
            BackoffMaxMs = weights.RetryBackoffMaxMs,
            UseJitter = true,
            FailoverToBackup = backup is not null,
            FitsWithinSla = timeout + weights.RetryBackoffBaseMs + retryLatency <= sla,
        };

        var primaryId = NodeIdOf(nodes, primaryIndex);
        var rationale = Rationale(request, profile, excluded, primaryId, primary, backup is null ? null : NodeIdOf(nodes, backupIndex), backup, backupOtherTier, retry);
        return new RouteDecision
        {
            RequestId = request.RequestId,
            Status = RouteStatus.Routed,
            Tier = primary.Tier,
            NodeId = primaryId,
            BackupTier = backup?.Tier,
            BackupNodeId = backup is null ? null : NodeIdOf(nodes, backupIndex),
            Score = primary.Score,
            EstimatedLatencyMs = primary.LatencyMs,
            EstimatedCost = primary.Cost,
            Confidence = confidence,
            Band = Band(confidence, weights),
            Rationale = ImmutableCollectionsMarshal.AsImmutableArray(rationale),
            TimeoutMs = timeout,
            Retry = retry,
            LatencySlaMs = sla,
        };
    }

    private static RouteDecision NoRoute(InferenceRequest request, RequestProfile profile, ReadOnlySpan<int> excluded)
    {
        var lines = new string[2 + CountNonZero(excluded)];
        lines[0] = Classification(profile);
        var next = AddExclusions(lines, 1, excluded);
        lines[next] = "no eligible node: every candidate failed a hard filter";
        return new RouteDecision
        {
            RequestId = request.RequestId,
            Status = RouteStatus.NoEligibleNode,
            Confidence = 0,
            Band = ConfidenceBand.Low,
            Rationale = ImmutableCollectionsMarshal.AsImmutableArray(lines),
            LatencySlaMs = request.LatencySlaMs,
        };
    }

    private static string[] Rationale(
        InferenceRequest request,
        RequestProfile profile,
        ReadOnlySpan<int> excluded,
        string primaryId,
        RouteEstimate primary,
        string? backupId,
        RouteEstimate? backup,
        bool backupOtherTier,
        RetryPlan retry)
    {
        var lines = new string[4 + CountNonZero(excluded) + (primary.MeetsSla ? 0 : 1)];
        lines[0] = Classification(profile);
        var next = AddExclusions(lines, 1, excluded);
        lines[next++] = string.Create(
            CultureInfo.InvariantCulture,
            $"primary {primaryId} ({primary.Tier}): est {primary.LatencyMs:F0} ms (pessimistic {primary.PessimisticLatencyMs:F0}) of {request.LatencySlaMs:F0} ms SLA (network {primary.NetworkMs:F0}, queue {primary.QueueMs:F0}, service {primary.ServiceMs:F0}, cold start {primary.ColdStartMs:F0}), cost ${primary.Cost:F5}, model {(primary.Warm ? "warm" : "cold")}");
        if (!primary.MeetsSla)
        {
            lines[next++] = "no eligible candidate meets the SLA with margin: best effort";
        }

        lines[next++] = backup is { } b
            ? string.Create(CultureInfo.InvariantCulture, $"backup {backupId} ({b.Tier}, {(backupOtherTier ? "another tier" : "same tier: no other tier eligible")}): est {b.LatencyMs:F0} ms")
            : "no backup: no second eligible node";
        lines[next] = string.Create(
            CultureInfo.InvariantCulture,
            $"timeout {retry.PerAttemptTimeoutMs:F0} ms, {retry.MaxAttempts} attempts, {(retry.FailoverToBackup ? "failover to backup" : "retry on primary")}{(retry.FitsWithinSla ? " within the SLA" : ", retry would exceed the SLA")}");
        return lines;
    }

    private static string Classification(RequestProfile profile) =>
        string.Create(CultureInfo.InvariantCulture, $"{profile.Class} request: complexity {profile.Complexity:F2}, classifier confidence {profile.Confidence:F2}{SourceNote(profile.Source)}");

    private static string SourceNote(ClassificationSource source) => source switch
    {
        ClassificationSource.Reasoner => " (decided by the reasoning engine)",
        ClassificationSource.ReasonerUnavailable => " (reasoning engine unavailable: classifier's answer)",
        _ => "",
    };

    private static int AddExclusions(string[] lines, int start, ReadOnlySpan<int> excluded)
    {
        var next = start;
        for (var v = 1; v < excluded.Length; v++)
        {
            if (excluded[v] > 0)
            {
                lines[next++] = string.Create(CultureInfo.InvariantCulture, $"excluded {excluded[v]} candidate(s): {(FilterVerdict)v}");
            }
        }

        return next;
    }

    private static int CountNonZero(ReadOnlySpan<int> excluded)
    {
        var count = 0;
        for (var v = 1; v < excluded.Length; v++)
        {
            count += excluded[v] > 0 ? 1 : 0;
        }

        return count;
    }

    private static ConfidenceBand Band(double confidence, RoutingWeights weights) =>
        confidence > weights.HighConfidence ? ConfidenceBand.High
        : confidence < weights.LowConfidence ? ConfidenceBand.Low
        : ConfidenceBand.Medium;
}
