using Reroute.Grains.Routing;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Tests.Routing;

public sealed class RoutePlannerTests
{
    private static readonly RoutingModel Model = RoutingModel.Default;

    [Fact]
    public void A_warm_node_is_preferred_over_a_cold_one_at_equal_load()
    {
        var cold = Routes.Edge("edge-cold") with { WarmModels = ["code-1b"] };
        var warm = Routes.Edge("edge-warm");

        var coldFirst = RoutePlanner.Route(Routes.Request(slaMs: 20_000), [cold, warm], Routes.Policy(), Model);
        var warmFirst = RoutePlanner.Route(Routes.Request(slaMs: 20_000), [warm, cold], Routes.Policy(), Model);

        Assert.Equal("edge-warm", coldFirst.NodeId);
        Assert.Equal("edge-warm", warmFirst.NodeId);
        Assert.Equal("edge-cold", coldFirst.BackupNodeId);
    }

    [Fact]
    public void A_node_whose_breaker_is_open_is_excluded_and_the_backup_is_on_another_node()
    {
        var open = Routes.Edge("edge-1") with { Breaker = BreakerState.Open };
        var nodes = new[] { open, Routes.Edge("edge-2", cell: "cell-2"), Routes.Cloud() };

        var decision = RoutePlanner.Route(Routes.Request(slaMs: 5_000), nodes, Routes.Policy(), Model);

        Assert.Equal(RouteStatus.Routed, decision.Status);
        Assert.NotEqual("edge-1", decision.NodeId);
        Assert.NotNull(decision.BackupNodeId);
        Assert.NotEqual("edge-1", decision.BackupNodeId);
        Assert.NotEqual(decision.NodeId, decision.BackupNodeId);
        Assert.Contains(decision.Rationale, line => line.Contains(nameof(FilterVerdict.BreakerOpen), StringComparison.Ordinal));
    }

    [Fact]
    public void The_backup_is_in_another_tier_when_one_is_eligible()
    {
        var decision = RoutePlanner.Route(Routes.Request(slaMs: 5_000), [Routes.Edge("edge-1"), Routes.Edge("edge-2"), Routes.Cloud()], Routes.Policy(), Model);

        Assert.Equal(ComputeTier.Edge, decision.Tier);
        Assert.Equal(ComputeTier.Cloud, decision.BackupTier);
        Assert.True(decision.Retry.FailoverToBackup);
    }

    [Fact]
    public void A_cheap_idle_edge_node_wins_and_a_saturated_one_sends_public_traffic_to_the_cloud()
    {
        var idle = RoutePlanner.Route(Routes.Request(slaMs: 3_000), [Routes.Edge("edge-1"), Routes.Cloud()], Routes.Policy(), Model);
        var busy = RoutePlanner.Route(Routes.Request(slaMs: 3_000), [Routes.Edge("edge-1", inFlight: 4, queue: 8) with { BacklogMs = 9_000 }, Routes.Cloud()], Routes.Policy(), Model);

        Assert.Equal("edge-1", idle.NodeId);
        Assert.Equal("cloud-1", busy.NodeId);
        Assert.True(idle.EstimatedCost < busy.EstimatedCost);
    }

    [Fact]
    public void Phi_stays_on_its_approved_edge_node_even_when_it_is_saturated_and_the_cloud_is_idle()
    {
        var saturated = Routes.Edge("edge-1", inFlight: 4, queue: 30) with { BacklogMs = 40_000 };

        var decision = RoutePlanner.Route(Routes.Request(privacy: PrivacyLevel.Phi, slaMs: 1_000), [saturated, Routes.Cloud()], Routes.Policy(ComputeTier.Edge), Model);

        Assert.Equal("edge-1", decision.NodeId);
        Assert.Null(decision.BackupNodeId);
        Assert.Equal(ConfidenceBand.Low, decision.Band);
        Assert.Contains(decision.Rationale, line => line.Contains("best effort", StringComparison.Ordinal));
    }

    [Fact]
    public void A_small_request_runs_on_a_capable_device_that_holds_the_model()
    {
        var request = Routes.Request("code-1b", inputTokens: 300, outputTokens: 10, slaMs: 2_000) with
        {
            Device = new DeviceCapabilities { OnDeviceModelAvailable = true, BatteryPercent = 80, ComputeClass = ComputeClass.High },
        };

        var decision = RoutePlanner.Route(request, [Routes.Edge("edge-1"), Routes.Cloud()], Routes.Policy(), Model);
        var lowBattery = RoutePlanner.Route(request with { Device = request.Device with { BatteryPercent = 5 } }, [Routes.Edge("edge-1"), Routes.Cloud()], Routes.Policy(), Model);

        Assert.Equal(ComputeTier.Device, decision.Tier);
        Assert.Equal(RoutePlanner.DeviceNodeId, decision.NodeId);
        Assert.Equal(0, decision.EstimatedCost);
        Assert.Equal(ComputeTier.Edge, lowBattery.Tier);
    }

    [Fact]
    public void An_easy_request_on_an_idle_warm_node_is_high_confidence_with_a_timeout_inside_the_sla()
    {
        var request = Routes.Request("code-1b", inputTokens: 200, outputTokens: 10, slaMs: 3_000);

        var decision = RoutePlanner.Route(request, [Routes.Edge("edge-1"), Routes.Cloud()], Routes.Policy(), Model);

        Assert.Equal(ConfidenceBand.High, decision.Band);
        Assert.True(decision.Confidence > 0.8);
        Assert.InRange(decision.TimeoutMs, decision.EstimatedLatencyMs, request.LatencySlaMs);
        Assert.Equal(decision.TimeoutMs, decision.Retry.PerAttemptTimeoutMs);
        Assert.Equal(2, decision.Retry.MaxAttempts);
        Assert.True(decision.Retry.FitsWithinSla);
        Assert.Equal("req-1", decision.RequestId);
    }

    [Fact]
    public void Estimates_come_from_the_routing_model_not_from_constants()
    {
        var request = Routes.Request(slaMs: 3_000);
        var slowEdge = Model with { Models = [.. Model.Models.Select(m => m.Name == "code-7b" ? m with { DecodeMsPerToken = 200 } : m)] };

        var normal = RoutePlanner.Route(request, [Routes.Edge("edge-1")], Routes.Policy(), Model);
        var slow = RoutePlanner.Route(request, [Routes.Edge("edge-1")], Routes.Policy(), slowEdge);

        Assert.True(slow.EstimatedLatencyMs > normal.EstimatedLatencyMs + 3_000);
    }

    [Fact]
    public void Another_tenants_policy_or_a_non_positive_sla_is_refused()
    {
        Assert.Throws<ArgumentException>(() => RoutePlanner.Route(Routes.Request(), [Routes.Cloud()], Routes.Policy() with { TenantId = "clinic-z" }, Model));
        Assert.Throws<ArgumentException>(() => RoutePlanner.Route(Routes.Request(slaMs: 0), [Routes.Cloud()], Routes.Policy(), Model));
    }
}
