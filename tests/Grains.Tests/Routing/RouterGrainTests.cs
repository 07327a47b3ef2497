using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Tests.Routing;

public sealed class RouterGrainTests
{
    [Fact]
    public async Task A_phi_request_never_reaches_a_node_its_tenant_did_not_approve_whatever_the_load()
    {
        await using var silo = await RoutingSilo.Start();
        // The unapproved edge node is the nearest and cheapest; the approved one is saturated.
        await silo.Node("edge-open", RoutingSilo.EdgeProfile(capacity: 8));
        await silo.Node("edge-approved", RoutingSilo.EdgeProfile(capacity: 2) with { Cell = "cell-2" }, RoutingSilo.Beat(inFlight: 2, queue: 30));
        await silo.Node("cloud-1", RoutingSilo.CloudProfile());
        await silo.GrainFactory.GetGrain<ITenantRoutingPolicyGrain>(Routes.Tenant)
            .Set(new TenantPolicy { TenantId = Routes.Tenant, PhiApprovedNodes = ["edge-approved"] });

        var publicRoutes = await silo.RouteMany(50, "public");
        var phiRoutes = await silo.RouteMany(200, "phi", r => r with { Privacy = PrivacyLevel.Phi, LatencySlaMs = 200 + (r.RequestId.Length * 37 % 5_000) });

        Assert.Equal(50, publicRoutes.GetValueOrDefault("edge-open"));
        Assert.All(phiRoutes.Keys, node => Assert.Contains(node, new[] { "edge-approved", "none" }));
        Assert.True(phiRoutes.GetValueOrDefault("edge-approved") > 0);
    }

    [Fact]
    public async Task A_new_tenant_approves_nothing_for_phi_so_its_phi_requests_are_not_routed()
    {
        await using var silo = await RoutingSilo.Start();
        await silo.Node("edge-1", RoutingSilo.EdgeProfile());
        await silo.Node("cloud-1", RoutingSilo.CloudProfile());

        var decision = await silo.Router().Route(Routes.Request(privacy: PrivacyLevel.Phi));

        Assert.Equal(RouteStatus.NoEligibleNode, decision.Status);
        Assert.Null(decision.NodeId);
        Assert.Empty((await silo.GrainFactory.GetGrain<ITenantRoutingPolicyGrain>(Routes.Tenant).Get()).PhiApprovedTiers);
    }

    [Fact]
    public async Task The_router_decides_on_its_snapshot_until_the_refresh_interval_has_passed()
    {
        await using var silo = await RoutingSilo.Start(configure: o => o.SnapshotRefreshInterval = TimeSpan.FromSeconds(5));
        await silo.Node("cloud-1", RoutingSilo.CloudProfile());
        Assert.Equal("cloud-1", (await silo.Router().Route(Routes.Request() with { RequestId = "a" })).NodeId);

        await silo.Node("edge-1", RoutingSilo.EdgeProfile());
        silo.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal("cloud-1", (await silo.Router().Route(Routes.Request() with { RequestId = "b" })).NodeId);

        silo.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("edge-1", (await silo.Router().Route(Routes.Request() with { RequestId = "c" })).NodeId);
    }

    [Fact]
    public async Task A_request_with_a_non_positive_sla_is_rejected_naming_the_field()
    {
        await using var silo = await RoutingSilo.Start();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => silo.Router().Route(Routes.Request(slaMs: 0)));

        Assert.Equal(nameof(InferenceRequest.LatencySlaMs), error.ParamName);
    }

    [Fact]
    public async Task A_policy_for_another_tenant_is_refused()
    {
        await using var silo = await RoutingSilo.Start();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            silo.GrainFactory.GetGrain<ITenantRoutingPolicyGrain>("clinic-a").Set(new TenantPolicy { TenantId = "clinic-b" }));
    }
}
