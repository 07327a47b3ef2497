using Reroute.Grains.Routing;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Tests.Routing;

public sealed class MonitorGrainTests
{
    private static RoutingObservation Seen(string node, double latencyMs, bool succeeded = true, ComputeTier tier = ComputeTier.Edge) =>
        new() { NodeId = node, Tier = tier, LatencyMs = latencyMs, Succeeded = succeeded, LatencySlaMs = 2_000 };

    [Fact]
    public async Task Percentiles_error_rates_and_tiers_are_reported_per_node()
    {
        await using var silo = await RoutingSilo.Start();
        for (var ms = 1; ms <= 100; ms++)
        {
            await silo.GrainFactory.GetGrain<IMonitorGrain>(RoutingKeys.Monitor).Observe(Seen("edge-1", ms, succeeded: ms % 10 != 0));
        }

        await silo.GrainFactory.GetGrain<IMonitorGrain>(RoutingKeys.Monitor).Observe(Seen("cloud-1", 300, tier: ComputeTier.Cloud));
        var report = await silo.GrainFactory.GetGrain<IMonitorGrain>(RoutingKeys.Monitor).Report();

        var edge = report.Nodes.Single(n => n.Key == "edge-1");
        Assert.Equal((50, 95, 99), (edge.P50Ms, edge.P95Ms, edge.P99Ms));
        Assert.Equal((100, 10), (edge.Count, edge.Errors));
        Assert.InRange(edge.ErrorRate, 0.01, 0.5);
        Assert.Equal(["Edge", "Cloud"], report.Tiers.Select(t => t.Key).ToArray());
        Assert.Equal(300, report.Tiers.Single(t => t.Key == "Cloud").P99Ms);
    }

    [Fact]
    public async Task An_injected_latency_spike_is_flagged_as_an_anomaly_and_normal_latencies_are_not()
    {
        await using var silo = await RoutingSilo.Start(configure: o => o.AnomalyMinSamples = 20);
        var monitor = silo.GrainFactory.GetGrain<IMonitorGrain>(RoutingKeys.Monitor);

        // A spike before the window holds enough samples is not judged: there is no baseline yet.
        Assert.False((await monitor.Observe(Seen("edge-1", 100))).Anomaly);
        Assert.False((await monitor.Observe(Seen("edge-1", 900))).Anomaly);
        var normal = new List<MonitorVerdict>();
        for (var i = 0; i < 60; i++)
        {
            normal.Add(await monitor.Observe(Seen("edge-1", 100 + ((i * 7 % 11) - 5))));
        }

        var spike = await monitor.Observe(Seen("edge-1", 400));
        var after = await monitor.Observe(Seen("edge-1", 103));

        Assert.DoesNotContain(normal, v => v.Anomaly);
        Assert.True(spike.Anomaly);
        Assert.True(spike.RobustZ > 3.5, $"z was {spike.RobustZ}");
        Assert.False(after.Anomaly);
        var flagged = Assert.Single((await monitor.Report()).Anomalies);
        Assert.Equal(("edge-1", 400.0), (flagged.NodeId, flagged.LatencyMs));
        Assert.InRange(flagged.MedianMs, 95, 105);
    }

    [Fact]
    public async Task Learning_shifts_traffic_away_from_a_degraded_node_within_a_bounded_number_of_requests_and_back_once_it_decays()
    {
        await using var silo = await RoutingSilo.Start(configure: o =>
        {
            o.LearningRate = 0.3;
            o.LearnedDecayHalfLife = TimeSpan.FromMinutes(5);
            o.HeartbeatTimeout = TimeSpan.FromDays(1);
        });
        await silo.Node("edge-a", RoutingSilo.EdgeProfile());
        await silo.Node("edge-b", RoutingSilo.EdgeProfile() with { CostPer1kTokens = 0.0008 });
        var monitor = silo.GrainFactory.GetGrain<IMonitorGrain>(RoutingKeys.Monitor);

        // edge-a is cheaper and preferred; then it degrades to 4x its estimate without failing, so its breaker stays closed.
        // The learned factor after k slow outcomes is 4 - 3 * 0.7^k, and edge-b wins once the factor passes about 1.7:
        // one outcome (1.9) is enough, so three requests bound the shift with room to spare.
        const int Bound = 3;
        var first = await silo.Router().Route(Routes.Request() with { RequestId = "r-0" });
        Assert.Equal("edge-a", first.NodeId);
        var healthyEstimate = first.EstimatedLatencyMs;
        var shiftedAfter = -1;
        for (var i = 1; i <= Bound && shiftedAfter < 0; i++)
        {
            var decision = await silo.Router().Route(Routes.Request() with { RequestId = $"r-{i}" });
            if (decision.NodeId == "edge-b")
            {
                shiftedAfter = i;
                break;
            }

            await monitor.Observe(RoutingObservations.From(decision, "edge-a", ComputeTier.Edge, succeeded: true, latencyMs: 4 * healthyEstimate));
            silo.Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.InRange(shiftedAfter, 1, Bound);
        Assert.Equal(BreakerState.Closed, (await silo.GrainFactory.GetGrain<ICircuitBreakerGrain>("edge-a").Status()).State);

        // It stays shifted while the lesson is fresh...
        var next = await silo.RouteMany(20, "fresh");
        Assert.Equal(20, next.GetValueOrDefault("edge-b"));

        // ...and goes back once the factor has decayed (no outcomes from edge-a for an hour: 12 half-lives). The agents'
        // heartbeats report the models warm again (an hour idle unloaded them), so both nodes meet the SLA once more.
        silo.Time.Advance(TimeSpan.FromHours(1));
        await silo.GrainFactory.GetGrain<IResourceGrain>("edge-a").Heartbeat(RoutingSilo.Beat());
        await silo.GrainFactory.GetGrain<IResourceGrain>("edge-b").Heartbeat(RoutingSilo.Beat());
        var later = await silo.RouteMany(5, "later");
        Assert.Equal(5, later.GetValueOrDefault("edge-a"));
    }

    [Fact]
    public async Task Missed_slas_narrow_the_routers_safety_margin_so_a_borderline_node_stops_counting_as_meeting_the_sla()
    {
        await using var silo = await RoutingSilo.Start(configure: o => o.HeartbeatTimeout = TimeSpan.FromDays(1));
        await silo.Node("edge-1", RoutingSilo.EdgeProfile() with { SpeedFactor = 0.5 });
        await silo.Node("cloud-1", RoutingSilo.CloudProfile());
        var monitor = silo.GrainFactory.GetGrain<IMonitorGrain>(RoutingKeys.Monitor);

        // A loose request (reference service 460 ms of a 1,600 ms SLA), so cost leads. The half-speed edge estimate (about
        // 935 ms) is 0.58 of the SLA: inside the safety factor 0.7, so the cheaper edge wins. The cloud (about 280 ms,
        // 0.18) meets it with room even at the narrowest margin (0.7 × 0.7 = 0.49).
        var request = Routes.Request(slaMs: 1_600) with { RequestId = "borderline" };
        var before = await silo.Router().Route(request);
        Assert.Equal("edge-1", before.NodeId);

        // Ten misses elsewhere (no estimate: no node factor is learned) pull attainment to 0.95^10 = 0.60.
        for (var i = 0; i < 10; i++)
        {
            await monitor.Observe(new RoutingObservation { NodeId = "other", Tier = ComputeTier.Edge, Succeeded = true, LatencyMs = 5_000, LatencySlaMs = 1_000 });
        }

        var learned = await monitor.Learned();
        Assert.InRange(learned.SlaAttainment, 0.59, 0.61);
        Assert.Equal(0.7, learned.SafetyScale, 6);
        silo.Time.Advance(TimeSpan.FromSeconds(1));

        var after = await silo.Router().Route(request with { RequestId = "borderline-2" });
        Assert.Equal("cloud-1", after.NodeId);
    }

    [Fact]
    public async Task An_ab_experiment_splits_traffic_by_request_and_the_report_compares_the_arms()
    {
        await using var silo = await RoutingSilo.Start(configure: o => o.ExperimentMinRequests = 30);
        await silo.Node("edge-1", RoutingSilo.EdgeProfile(capacity: 64));
        await silo.Node("cloud-1", RoutingSilo.CloudProfile());
        var monitor = silo.GrainFactory.GetGrain<IMonitorGrain>(RoutingKeys.Monitor);

        // The experiment ignores cost and chases latency: it sends its share to the faster, dearer cloud.
        await monitor.SetExperiment(new RoutingExperiment { Name = "latency-first", Fraction = 0.5, Weights = new RoutingWeights { Cost = 0, Latency = 1 } });
        silo.Time.Advance(TimeSpan.FromSeconds(1));

        var byPolicy = new Dictionary<string, int>();
        for (var i = 0; i < 200; i++)
        {
            var decision = await silo.Router().Route(Routes.Request() with { RequestId = $"ab-{i}" });
            Assert.Equal(decision.Policy == "control" ? "edge-1" : "cloud-1", decision.NodeId);
            byPolicy[decision.Policy] = byPolicy.GetValueOrDefault(decision.Policy) + 1;
            await monitor.Observe(RoutingObservations.From(decision, decision.NodeId!, ComputeTier.Edge, succeeded: true, latencyMs: decision.EstimatedLatencyMs));
        }

        Assert.InRange(byPolicy["latency-first"], 70, 130);
        var report = await monitor.Report();
        Assert.Equal(["control", "latency-first"], report.Arms.Select(a => a.Policy).ToArray());
        Assert.Equal(byPolicy["control"], report.Arms[0].Requests);
        Assert.Equal(1.0, report.Arms[0].SlaAttainment);
        Assert.True(report.Arms[1].MeanLatencyMs < report.Arms[0].MeanLatencyMs);
        Assert.True(report.Arms[0].MeanCost < report.Arms[1].MeanCost);
        Assert.Equal("control", report.Leader); // both meet every SLA, so the cheaper policy leads

        // Stopped, every request is the control's again.
        await monitor.SetExperiment(null);
        silo.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("control", (await silo.Router().Route(Routes.Request() with { RequestId = "ab-after" })).Policy);
    }

    [Fact]
    public async Task Impossible_observations_and_experiments_are_refused_and_change_nothing()
    {
        await using var silo = await RoutingSilo.Start();
        var monitor = silo.GrainFactory.GetGrain<IMonitorGrain>(RoutingKeys.Monitor);

        var latency = await Assert.ThrowsAsync<ArgumentException>(() => monitor.Observe(Seen("edge-1", -5)));
        var name = await Assert.ThrowsAsync<ArgumentException>(() => monitor.SetExperiment(new RoutingExperiment { Name = "control", Fraction = 0.5 }));
        var fraction = await Assert.ThrowsAsync<ArgumentException>(() => monitor.SetExperiment(new RoutingExperiment { Name = "x", Fraction = 1.5 }));
        var density = await Assert.ThrowsAsync<ArgumentException>(() => monitor.SetExperiment(
            new RoutingExperiment { Name = "x", Fraction = 0.5, Weights = new RoutingWeights { EdgeSparseTokensPerMs = 12, EdgeReserveMinTokensPerMs = 10 } }));
        var share = await Assert.ThrowsAsync<ArgumentException>(() => monitor.SetExperiment(
            new RoutingExperiment { Name = "x", Fraction = 0.5, Weights = new RoutingWeights { EdgeSparseReserveUtilization = 1.5 } }));

        Assert.Equal(nameof(RoutingObservation.LatencyMs), latency.ParamName);
        Assert.Equal(nameof(RoutingExperiment.Name), name.ParamName);
        Assert.Equal(nameof(RoutingExperiment.Fraction), fraction.ParamName);
        Assert.Equal(nameof(RoutingExperiment.Weights) + "." + nameof(RoutingWeights.EdgeReserveMinTokensPerMs), density.ParamName);
        Assert.Equal(nameof(RoutingExperiment.Weights) + "." + nameof(RoutingWeights.EdgeSparseReserveUtilization), share.ParamName);
        var report = await monitor.Report();
        Assert.Empty(report.Nodes);
        Assert.Null(report.Learning.Experiment);
    }
}
