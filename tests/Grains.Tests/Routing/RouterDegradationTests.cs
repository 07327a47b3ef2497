using Microsoft.Extensions.DependencyInjection;
using Reroute.Interfaces.Routing;
using Reroute.Runtime;
using Reroute.Runtime.Persistence;

namespace Reroute.Grains.Tests.Routing;

/// <summary>
/// Graceful degradation: when the snapshot refresh fails (here a node's cache grain cannot activate because its stored
/// state in the real SQLite store is corrupt), the router keeps routing on its last good snapshot and says so; with no
/// snapshot at all it reuses a recent decision for the same request shape.
/// </summary>
public sealed class RouterDegradationTests
{
    private const string StaleNote = "last good snapshot";

    [Fact]
    public async Task A_failed_snapshot_refresh_keeps_routing_on_the_last_good_snapshot_until_a_refresh_succeeds()
    {
        await using var silo = await RoutingSilo.Start("Sqlite", o => o.SnapshotRefreshInterval = TimeSpan.FromSeconds(5));
        await silo.Node("cloud-1", RoutingSilo.CloudProfile());
        var fresh = await silo.Router().Route(Routes.Request() with { RequestId = "a" });
        Assert.Equal("cloud-1", fresh.NodeId);
        Assert.DoesNotContain(fresh.Rationale, r => r.Contains(StaleNote, StringComparison.Ordinal));

        // A new edge node whose cache record is unreadable: every refresh that includes it fails.
        IGrainStorage storage = silo.Services.GetRequiredService<SqliteGrainStorage>();
        var cacheId = new GrainId(GrainInterfaceRegistry.GrainTypeName(typeof(ICacheGrain)), "edge-1");
        var etag = await storage.WriteAsync(cacheId, "cache", "{ not json", null, CancellationToken.None);
        await silo.GrainFactory.GetGrain<IResourceGrain>("edge-1").Register(RoutingSilo.EdgeProfile());

        silo.Time.Advance(TimeSpan.FromSeconds(5));
        var degraded = await silo.Router().Route(Routes.Request() with { RequestId = "b" });
        Assert.Equal(RouteStatus.Routed, degraded.Status);
        Assert.Equal("cloud-1", degraded.NodeId);
        Assert.Contains(degraded.Rationale, r => r.Contains(StaleNote, StringComparison.Ordinal) && r.Contains("5000 ms old", StringComparison.Ordinal));

        // Within the next interval the router does not retry the refresh, and still reports the snapshot's age.
        silo.Time.Advance(TimeSpan.FromSeconds(2));
        var stillDegraded = await silo.Router().Route(Routes.Request() with { RequestId = "c" });
        Assert.Contains(stillDegraded.Rationale, r => r.Contains("7000 ms old", StringComparison.Ordinal));

        // Repaired store: the next refresh succeeds, the edge node is seen, and the note is gone.
        await storage.ClearAsync(cacheId, "cache", etag, CancellationToken.None);
        await silo.GrainFactory.GetGrain<IResourceGrain>("edge-1").Heartbeat(RoutingSilo.Beat());
        silo.Time.Advance(TimeSpan.FromSeconds(3));
        var recovered = await silo.Router().Route(Routes.Request() with { RequestId = "d" });
        Assert.Equal("edge-1", recovered.NodeId);
        Assert.DoesNotContain(recovered.Rationale, r => r.Contains(StaleNote, StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_no_snapshot_a_router_reuses_a_recent_decision_for_the_same_request_shape_and_fails_without_one()
    {
        await using var silo = await RoutingSilo.Start("Sqlite", o => o.CachedDecisionMaxAge = TimeSpan.FromMinutes(5));
        await silo.Node("cloud-1", RoutingSilo.CloudProfile());
        var planned = await silo.Router().Route(Routes.Request() with { RequestId = "a" });
        Assert.Equal("cloud-1", planned.NodeId);

        // A node whose cache record is unreadable: every refresh fails from now on. A second router activation has never
        // taken a snapshot, so its planner cannot run at all.
        IGrainStorage storage = silo.Services.GetRequiredService<SqliteGrainStorage>();
        await storage.WriteAsync(new GrainId(GrainInterfaceRegistry.GrainTypeName(typeof(ICacheGrain)), "edge-1"), "cache", "{ not json", null, CancellationToken.None);
        await silo.GrainFactory.GetGrain<IResourceGrain>("edge-1").Register(RoutingSilo.EdgeProfile());
        var fresh = silo.GrainFactory.GetGrain<IRouterGrain>("router-without-snapshot");
        silo.Time.Advance(TimeSpan.FromMinutes(1));

        var reused = await fresh.Route(Routes.Request(slaMs: 3_000) with { RequestId = "b" });
        Assert.Equal("b", reused.RequestId);
        Assert.Equal(3_000, reused.LatencySlaMs);
        Assert.Equal(RouteStatus.Routed, reused.Status);
        Assert.Equal("cloud-1", reused.NodeId);
        Assert.Contains(reused.Rationale, r => r.Contains("cached decision", StringComparison.Ordinal) && r.Contains("60000 ms old", StringComparison.Ordinal));

        // Another shape (another cell) has no cached decision; nor has the same shape once the cached one is too old.
        await Assert.ThrowsAnyAsync<Exception>(() => fresh.Route(Routes.Request(cell: "cell-2") with { RequestId = "c" }));
        silo.Time.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(1));
        await Assert.ThrowsAnyAsync<Exception>(() => fresh.Route(Routes.Request() with { RequestId = "d" }));
    }

    [Fact]
    public async Task With_no_snapshot_yet_a_failed_refresh_is_the_callers_error()
    {
        await using var silo = await RoutingSilo.Start("Sqlite");
        IGrainStorage storage = silo.Services.GetRequiredService<SqliteGrainStorage>();
        await storage.WriteAsync(new GrainId(GrainInterfaceRegistry.GrainTypeName(typeof(ICacheGrain)), "edge-1"), "cache", "{ not json", null, CancellationToken.None);
        await silo.GrainFactory.GetGrain<IResourceGrain>("edge-1").Register(RoutingSilo.EdgeProfile());

        await Assert.ThrowsAnyAsync<Exception>(() => silo.Router().Route(Routes.Request() with { RequestId = "a" }));
    }
}
