using Reroute.Grains.Routing;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Tests.Routing;

/// <summary>
/// The scorer's latency-versus-cost trade-offs: tight SLAs go to the fastest candidate, loose ones to the cheapest; best
/// effort goes to the fastest; uncertain queues hedge away; edge slots are kept for PHI that can go nowhere else (dense
/// requests may still take them, sparse ones keep out earlier). The default request (code-7b, 1,000 tokens in, 20 out)
/// takes 460 ms on the reference node: about 473 ms on an idle edge node of its cell (704 pessimistic) and 281 ms in the
/// twice-as-fast cloud 40 ms away (406 pessimistic).
/// </summary>
public sealed class RouteScorerTests
{
    private static readonly RoutingModel Model = RoutingModel.Default;

    [Fact]
    public void Tightness_runs_from_0_at_the_loose_service_ratio_to_1_at_the_tight_one()
    {
        var weights = Model.Weights;
        var profile = RequestClassifier.Classify(Routes.Request(), Model);
        var service = profile.Needs.ExpectedServiceMs;

        Assert.Equal(0, RouteScorer.Tightness(Routes.Request(slaMs: service / weights.LooseServiceRatio), profile, weights), 9);
        Assert.Equal(0.5, RouteScorer.Tightness(Routes.Request(slaMs: service / ((weights.LooseServiceRatio + weights.TightServiceRatio) / 2)), profile, weights), 9);
        Assert.Equal(1, RouteScorer.Tightness(Routes.Request(slaMs: service / weights.TightServiceRatio), profile, weights), 9);
        Assert.Equal(1, RouteScorer.Tightness(Routes.Request(slaMs: service), profile, weights), 9);
    }

    [Fact]
    public void A_loose_sla_goes_to_the_cheap_edge_and_a_tight_one_that_both_meet_to_the_faster_cloud()
    {
        var nodes = new[] { Routes.Edge("edge-1"), Routes.Cloud() };
        var tight = Routes.Request(slaMs: 800);
        var tightProfile = RequestClassifier.Classify(tight, Model);

        var loose = RoutePlanner.Route(Routes.Request(slaMs: 2_000), nodes, Routes.Policy(), Model);
        var tightDecision = RoutePlanner.Route(tight, nodes, Routes.Policy(), Model);

        Assert.Equal("edge-1", loose.NodeId);
        Assert.True(RouteScorer.Estimate(tight, tightProfile, nodes[0], Model).MeetsSla, "the edge meets the tight SLA too");
        Assert.Equal("cloud-1", tightDecision.NodeId);

        // With the tight weights set to the loose ones, the edge's saving wins the tight request as well.
        var costFirst = Model with { Weights = Model.Weights with { TightLatency = Model.Weights.Latency, TightCost = Model.Weights.Cost } };
        Assert.Equal("edge-1", RoutePlanner.Route(tight, nodes, Routes.Policy(), costFirst).NodeId);
    }

    [Fact]
    public void When_nothing_meets_the_sla_the_fastest_candidate_wins_not_the_cheapest()
    {
        var decision = RoutePlanner.Route(Routes.Request(slaMs: 300), [Routes.Edge("edge-1"), Routes.Cloud()], Routes.Policy(), Model);

        Assert.Equal("cloud-1", decision.NodeId);
        Assert.Contains(decision.Rationale, line => line.Contains("best effort", StringComparison.Ordinal));

        // A free device that holds the model but runs it at half speed loses to the edge node when neither can make 60 ms.
        var small = Routes.Request("code-1b", inputTokens: 300, outputTokens: 10, slaMs: 60) with
        {
            Device = new DeviceCapabilities { OnDeviceModelAvailable = true, BatteryPercent = 80, ComputeClass = ComputeClass.High },
        };
        Assert.Equal("edge-1", RoutePlanner.Route(small, [Routes.Edge("edge-1")], Routes.Policy(), Model).NodeId);
    }

    [Fact]
    public void An_uncertain_edge_queue_hedges_to_the_cloud_and_without_the_uncertainty_the_edge_keeps_it()
    {
        // All four slots busy with 1,200 ms of work: a 300 ms wait, an estimate of 773 ms, inside 0.7 of an 1,150 ms SLA;
        // with half the queue again as its error the pessimistic estimate (1,153 ms) no longer fits.
        var busy = Routes.Edge("edge-1", inFlight: 4) with { BacklogMs = 1_200 };
        var request = Routes.Request(slaMs: 1_150);
        var noReserve = Model with { Weights = Model.Weights with { EdgeReservePenalty = 0 } };
        var certain = noReserve with { Weights = noReserve.Weights with { QueueUncertainty = 0 } };

        var hedged = RoutePlanner.Route(request, [busy, Routes.Cloud()], Routes.Policy(), noReserve);
        var trusted = RoutePlanner.Route(request, [busy, Routes.Cloud()], Routes.Policy(), certain);

        Assert.Equal("cloud-1", hedged.NodeId);
        Assert.Equal("edge-1", trusted.NodeId);
        var estimate = RouteScorer.Estimate(request, RequestClassifier.Classify(request, Model), busy, noReserve);
        Assert.Equal(estimate.LatencyMs + busy.RttMs * Model.Weights.RttUncertainty + estimate.QueueMs * Model.Weights.QueueUncertainty + estimate.ServiceMs * Model.Weights.ServiceUncertainty, estimate.PessimisticLatencyMs, 6);
    }

    [Fact]
    public void The_last_edge_slot_is_kept_for_phi_the_cloud_may_not_take_while_other_traffic_can_go_there()
    {
        var lastSlot = Routes.Edge("edge-1", inFlight: 3);
        var room = Routes.Edge("edge-1", inFlight: 2);

        Assert.Equal("cloud-1", RoutePlanner.Route(Routes.Request(), [lastSlot, Routes.Cloud()], Routes.Policy(), Model).NodeId);
        Assert.Equal("edge-1", RoutePlanner.Route(Routes.Request(), [room, Routes.Cloud()], Routes.Policy(), Model).NodeId);
        Assert.Equal("edge-1", RoutePlanner.Route(Routes.Request(privacy: PrivacyLevel.Phi), [lastSlot, Routes.Cloud()], Routes.Policy(ComputeTier.Edge), Model).NodeId);

        // An edge node not certified for PHI keeps no reserve; and when the cloud cannot meet the SLA (400 ms away here),
        // public traffic takes the last slot rather than miss.
        var noPhi = lastSlot with { CertifiedPrivacy = [PrivacyLevel.Public, PrivacyLevel.Internal] };
        Assert.Equal("edge-1", RoutePlanner.Route(Routes.Request(), [noPhi, Routes.Cloud()], Routes.Policy(), Model).NodeId);
        var farCloud = Routes.Cloud() with { RttMs = 400 };
        Assert.Equal("edge-1", RoutePlanner.Route(Routes.Request(slaMs: 900), [lastSlot, farCloud], Routes.Policy(), Model).NodeId);
    }

    [Fact]
    public void The_reserve_a_request_respects_follows_its_tokens_per_millisecond_of_slot()
    {
        var weights = Model.Weights;

        Assert.Equal(2.5, RouteScorer.TokensPerHoldMs(Routes.Request(inputTokens: 980, outputTokens: 20), 400), 9);
        Assert.Equal(double.PositiveInfinity, RouteScorer.TokensPerHoldMs(Routes.Request(), 0));
        Assert.Equal(weights.EdgeSparseReserveUtilization, RouteScorer.ReserveUtilization(weights.EdgeSparseTokensPerMs - 0.01, weights));
        Assert.Equal(weights.EdgeReserveUtilization, RouteScorer.ReserveUtilization(weights.EdgeSparseTokensPerMs, weights));
        Assert.Equal(weights.EdgeReserveUtilization, RouteScorer.ReserveUtilization(weights.EdgeReserveMinTokensPerMs - 0.01, weights));
        Assert.Equal(1, RouteScorer.ReserveUtilization(weights.EdgeReserveMinTokensPerMs, weights));
    }

    [Fact]
    public void A_dense_request_takes_the_last_edge_slot_and_a_sparse_one_leaves_half_the_slots_to_others()
    {
        // A long prompt with a short completion: 8,005 tokens in 580 ms on the edge, 13.8 per millisecond of slot.
        var dense = Routes.Request(inputTokens: 8_000, outputTokens: 5, slaMs: 5_000);

        // A long generation: 600 tokens in 8,012 ms, 0.07 per millisecond; the default request, 2.2 per millisecond, is in between.
        var sparse = Routes.Request(inputTokens: 200, outputTokens: 400, slaMs: 30_000);
        var middling = Routes.Request(slaMs: 30_000);
        var lastSlot = Routes.Edge("edge-1", inFlight: 3);
        var thirdSlot = Routes.Edge("edge-1", inFlight: 2);
        var secondSlot = Routes.Edge("edge-1", inFlight: 1);

        Assert.Equal("edge-1", RoutePlanner.Route(dense, [lastSlot, Routes.Cloud()], Routes.Policy(), Model).NodeId);
        Assert.Equal("cloud-1", RoutePlanner.Route(dense, [Routes.Edge("edge-1", inFlight: 4), Routes.Cloud()], Routes.Policy(), Model).NodeId);
        Assert.Equal("cloud-1", RoutePlanner.Route(middling, [lastSlot, Routes.Cloud()], Routes.Policy(), Model).NodeId);
        Assert.Equal("edge-1", RoutePlanner.Route(middling, [thirdSlot, Routes.Cloud()], Routes.Policy(), Model).NodeId);
        Assert.Equal("cloud-1", RoutePlanner.Route(sparse, [thirdSlot, Routes.Cloud()], Routes.Policy(), Model).NodeId);
        Assert.Equal("edge-1", RoutePlanner.Route(sparse, [secondSlot, Routes.Cloud()], Routes.Policy(), Model).NodeId);

        // Out of reach of the density thresholds, every request keeps to the one utilization level, as before them.
        var oneLevel = Model with { Weights = Model.Weights with { EdgeReserveMinTokensPerMs = 1_000, EdgeSparseTokensPerMs = 0.001 } };
        Assert.Equal("cloud-1", RoutePlanner.Route(dense, [lastSlot, Routes.Cloud()], Routes.Policy(), oneLevel).NodeId);
        Assert.Equal("edge-1", RoutePlanner.Route(sparse, [thirdSlot, Routes.Cloud()], Routes.Policy(), oneLevel).NodeId);

        // PHI the cloud may not take still gets the last slot, whatever its density.
        var phi = sparse with { Privacy = PrivacyLevel.Phi };
        Assert.Equal("edge-1", RoutePlanner.Route(phi, [lastSlot, Routes.Cloud()], Routes.Policy(ComputeTier.Edge), Model).NodeId);
    }
}
