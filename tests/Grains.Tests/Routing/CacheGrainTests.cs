using System.Collections.Immutable;
using Reroute.Grains.Routing;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Tests.Routing;

public sealed class CacheGrainTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static CachedModel Cached(string name, double gb, TimeSpan idle, int inUse = 0, CachedModelState state = CachedModelState.Warm) => new()
    {
        Model = name,
        MemoryGb = gb,
        State = state,
        ReadyAt = state == CachedModelState.Warm ? Now - idle : Now + TimeSpan.FromSeconds(5),
        LastUsedAt = Now - idle,
        InUse = inUse,
    };

    private static MecNodeProfile Node(double memoryGb) => RoutingSilo.EdgeProfile() with
    {
        MemoryGb = memoryGb,
        HostedModels = ["code-1b", "code-7b", "med-a", "med-b", "med-c"],
    };

    [Fact]
    public void Eviction_takes_the_highest_idle_time_times_size_first_and_stops_once_the_model_fits()
    {
        // Scores: big-idle 16 GB × 600 s = 9,600; small-old 3 GB × 3,000 s = 9,000; big-fresh 16 GB × 10 s = 160.
        ImmutableArray<CachedModel> models = [Cached("small-old", 3, TimeSpan.FromSeconds(3_000)), Cached("big-idle", 16, TimeSpan.FromSeconds(600)), Cached("big-fresh", 16, TimeSpan.FromSeconds(10))];

        Assert.True(CacheEviction.TryChooseVictims(models, capacityGb: 40, neededGb: 16, Now, out var one));
        Assert.True(CacheEviction.TryChooseVictims(models, capacityGb: 40, neededGb: 24, Now, out var two));
        Assert.True(CacheEviction.TryChooseVictims(models, capacityGb: 40, neededGb: 5, Now, out var none));

        Assert.Equal(["big-idle"], one.ToArray());
        Assert.Equal(["big-idle", "small-old"], two.ToArray());
        Assert.Empty(none);
    }

    [Fact]
    public void A_model_in_use_or_loading_is_never_evicted_and_when_the_rest_cannot_make_room_nothing_is()
    {
        ImmutableArray<CachedModel> models = [Cached("busy", 16, TimeSpan.FromHours(5), inUse: 1), Cached("loading", 16, TimeSpan.Zero, state: CachedModelState.Loading), Cached("idle", 3, TimeSpan.FromSeconds(1))];

        Assert.True(CacheEviction.TryChooseVictims(models, capacityGb: 40, neededGb: 8, Now, out var victims));
        Assert.False(CacheEviction.TryChooseVictims(models, capacityGb: 40, neededGb: 16, Now, out var refused));

        Assert.Equal(["idle"], victims.ToArray());
        Assert.Empty(refused);
    }

    [Fact]
    public async Task A_deploy_evicts_by_the_policy_spares_models_in_use_and_is_warm_after_its_warm_up_time()
    {
        await using var silo = await RoutingSilo.Start();
        await silo.Node("edge-1", Node(memoryGb: 40), RoutingSilo.Beat() with { WarmModels = ["code-1b", "code-7b", "med-a"] });
        var cache = silo.GrainFactory.GetGrain<ICacheGrain>("edge-1");
        Assert.Equal(35, (await cache.Status()).UsedGb); // 3 + 16 + 16 (med-a: the fallback profile)

        silo.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(await cache.Acquire("code-1b"));
        await cache.Release("code-1b");
        Assert.True(await cache.Acquire("med-a")); // in use from here on

        var deployed = await cache.Deploy("med-b");

        // code-7b (16 GB idle 300 s) outscores code-1b (3 GB just used); med-a is in use.
        Assert.Equal(DeployOutcome.Loading, deployed.Outcome);
        Assert.Equal(["code-7b"], deployed.Evicted.ToArray());
        Assert.Equal(silo.Time.GetUtcNow() + TimeSpan.FromMilliseconds(RoutingModel.Default.FallbackModel.ColdStartMs), deployed.ReadyAt);
        var status = await cache.Status();
        Assert.Equal(["code-1b", "med-a", "med-b"], status.Models.Select(m => m.Model).ToArray());
        Assert.Equal(CachedModelState.Loading, status.Models.Single(m => m.Model == "med-b").State);
        Assert.DoesNotContain("med-b", status.Warm);
        Assert.False(await cache.Acquire("med-b"));
        await cache.Release("med-b");

        silo.Time.Advance(TimeSpan.FromMilliseconds(RoutingModel.Default.FallbackModel.ColdStartMs));
        Assert.Contains("med-b", (await cache.Status()).Warm);
    }

    [Fact]
    public async Task With_every_other_model_in_use_a_deploy_is_refused_and_nothing_is_evicted()
    {
        await using var silo = await RoutingSilo.Start();
        await silo.Node("edge-1", Node(memoryGb: 36), RoutingSilo.Beat() with { WarmModels = ["code-7b", "med-a"] });
        var cache = silo.GrainFactory.GetGrain<ICacheGrain>("edge-1");
        await cache.Acquire("code-7b");
        await cache.Acquire("med-a");
        var before = await cache.Status();

        var refused = await cache.Deploy("med-b");

        Assert.Equal(DeployOutcome.NoRoom, refused.Outcome);
        Assert.Equal(before.Models.Select(m => m.Model), (await cache.Status()).Models.Select(m => m.Model));
        Assert.Equal(DeployOutcome.NotHosted, (await cache.Deploy("code-34b")).Outcome);
        Assert.Equal(DeployOutcome.AlreadyCached, (await cache.Deploy("code-7b")).Outcome);
    }

    [Fact]
    public async Task Idle_models_are_unloaded_by_the_timer_but_not_while_in_use()
    {
        await using var silo = await RoutingSilo.Start(configure: o =>
        {
            o.CacheIdleTimeout = TimeSpan.FromMinutes(10);
            o.CacheIdleCheckInterval = TimeSpan.FromMinutes(1);
            o.HeartbeatTimeout = TimeSpan.FromHours(1);
        });
        await silo.Node("edge-1", Node(memoryGb: 48), RoutingSilo.Beat() with { WarmModels = ["code-1b", "code-7b"] });
        var cache = silo.GrainFactory.GetGrain<ICacheGrain>("edge-1");
        await cache.Acquire("code-7b");

        for (var minute = 0; minute < 9; minute++)
        {
            silo.Time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(["code-1b", "code-7b"], (await cache.Status()).Warm.ToArray());
        silo.Time.Advance(TimeSpan.FromMinutes(1));
        silo.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(["code-7b"], (await cache.Status()).Warm.ToArray());
    }

    [Fact]
    public async Task The_router_prefers_the_node_where_the_model_is_warm()
    {
        await using var silo = await RoutingSilo.Start();
        await silo.Node("edge-cold", RoutingSilo.EdgeProfile(), RoutingSilo.Beat() with { WarmModels = [] });
        await silo.Node("edge-warm", RoutingSilo.EdgeProfile(), RoutingSilo.Beat() with { WarmModels = ["code-7b"] });

        var routes = await silo.RouteMany(20, "warm", r => r with { LatencySlaMs = 60_000 });

        Assert.Equal(20, routes.GetValueOrDefault("edge-warm"));
    }

    [Fact]
    public async Task A_model_that_keeps_arriving_cold_is_deployed_on_the_nearby_edge_node_and_traffic_follows_once_warm()
    {
        await using var silo = await RoutingSilo.Start(configure: o => o.PreDeployAfterRequests = 3);
        await silo.Node("edge-1", RoutingSilo.EdgeProfile(), RoutingSilo.Beat() with { WarmModels = ["code-1b"] });
        await silo.Node("cloud-1", RoutingSilo.CloudProfile());
        var cache = silo.GrainFactory.GetGrain<ICacheGrain>("edge-1");

        // The 6 s cold start misses a 2 s SLA, so the first requests go to the cloud.
        var first = await silo.RouteMany(2, "a");
        Assert.Equal(2, first.GetValueOrDefault("cloud-1"));
        Assert.DoesNotContain(((await cache.Status()).Models), m => m.Model == "code-7b");

        await silo.RouteMany(1, "b");
        var loading = (await cache.Status()).Models.Single(m => m.Model == "code-7b");
        Assert.Equal(CachedModelState.Loading, loading.State);

        silo.Time.Advance(TimeSpan.FromMilliseconds(RoutingModel.Default.Models.Single(m => m.Name == "code-7b").ColdStartMs));
        var after = await silo.RouteMany(5, "c");
        Assert.Equal(5, after.GetValueOrDefault("edge-1"));
    }
}
