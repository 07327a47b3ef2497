using Reroute.Grains.Routing;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Tests.Routing;

public sealed class ResourceGrainTests
{
    [Fact]
    public async Task A_heartbeat_with_load_above_capacity_is_rejected_naming_the_field_and_the_state_is_unchanged()
    {
        await using var silo = await RoutingSilo.Start();
        var node = await silo.Node("edge-1", RoutingSilo.EdgeProfile(capacity: 4), RoutingSilo.Beat(inFlight: 2, queue: 1));
        var before = await node.Snapshot();

        var overload = await Assert.ThrowsAsync<ArgumentException>(() => node.Heartbeat(RoutingSilo.Beat(inFlight: 5)));
        var negative = await Assert.ThrowsAsync<ArgumentException>(() => node.Heartbeat(RoutingSilo.Beat(inFlight: 1, queue: -3)));

        Assert.Equal(nameof(MecNodeHeartbeat.InFlight), overload.ParamName);
        Assert.Equal(nameof(MecNodeHeartbeat.QueueDepth), negative.ParamName);
        var after = await node.Snapshot();
        Assert.Equal(2, after!.InFlight);
        Assert.Equal(1, after.QueueDepth);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_registration_with_negative_capacity_is_rejected_and_the_previous_profile_kept()
    {
        await using var silo = await RoutingSilo.Start();
        var node = await silo.Node("edge-1", RoutingSilo.EdgeProfile(capacity: 4));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => node.Register(RoutingSilo.EdgeProfile(capacity: -1)));

        Assert.Equal(nameof(MecNodeProfile.Capacity), error.ParamName);
        Assert.Equal(4, (await node.Snapshot())!.Capacity);
        var fresh = silo.GrainFactory.GetGrain<IResourceGrain>("edge-2");
        await Assert.ThrowsAsync<ArgumentException>(() => fresh.Register(RoutingSilo.EdgeProfile() with { Region = "" }));
        Assert.Null(await fresh.Snapshot());
        Assert.Equal("edge-1", Assert.Single(await silo.GrainFactory.GetGrain<INodeDirectoryGrain>(RoutingKeys.Directory).Nodes()));
    }

    [Fact]
    public async Task A_heartbeat_from_an_unregistered_node_is_refused()
    {
        await using var silo = await RoutingSilo.Start();

        await Assert.ThrowsAsync<KeyNotFoundException>(() => silo.GrainFactory.GetGrain<IResourceGrain>("ghost").Heartbeat(RoutingSilo.Beat()));
    }

    [Fact]
    public async Task A_node_whose_heartbeats_stop_turns_unhealthy_after_the_timeout_and_is_no_longer_routed_to()
    {
        await using var silo = await RoutingSilo.Start(configure: o => o.HeartbeatTimeout = TimeSpan.FromSeconds(15));
        var edge = await silo.Node("edge-1", RoutingSilo.EdgeProfile());
        var cloud = await silo.Node("cloud-1", RoutingSilo.CloudProfile());
        Assert.Equal("edge-1", (await silo.Router().Route(Routes.Request() with { RequestId = "before" })).NodeId);

        silo.Time.Advance(TimeSpan.FromSeconds(14));
        await cloud.Heartbeat(RoutingSilo.Beat());
        Assert.Equal(NodeHealth.Healthy, (await edge.Snapshot())!.Health);

        silo.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(NodeHealth.Unhealthy, (await edge.Snapshot())!.Health);
        var decision = await silo.Router().Route(Routes.Request() with { RequestId = "after" });

        Assert.Equal("cloud-1", decision.NodeId);
        Assert.NotEqual("edge-1", decision.BackupNodeId);

        // A heartbeat brings it back.
        await edge.Heartbeat(RoutingSilo.Beat());
        silo.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("edge-1", (await silo.Router().Route(Routes.Request() with { RequestId = "back" })).NodeId);
    }

    [Fact]
    public async Task A_registered_node_is_unhealthy_until_its_first_heartbeat()
    {
        await using var silo = await RoutingSilo.Start();
        var node = silo.GrainFactory.GetGrain<IResourceGrain>("edge-1");
        await node.Register(RoutingSilo.EdgeProfile());

        Assert.Equal(NodeHealth.Unhealthy, (await node.Snapshot())!.Health);
        Assert.Equal(NodeHealth.Healthy, (await node.Heartbeat(RoutingSilo.Beat())).Health);
    }
}
