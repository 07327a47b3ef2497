using Reroute.Grains.Routing;
using Reroute.Interfaces.Routing;
using Reroute.Runtime.Testing;

namespace Reroute.Grains.Tests.Routing;

public sealed class DecisionLogGrainTests
{
    [Fact]
    public async Task Decisions_with_rationale_and_outcome_survive_a_silo_restart_newest_first()
    {
        var options = RoutingSilo.Options("Sqlite");
        string logKey;
        await using (var silo = await TestSilo.StartAsync(options))
        {
            await silo.Node("edge-1", RoutingSilo.EdgeProfile());
            await silo.RouteMany(3, "req");
            logKey = RoutingKeys.DecisionLog(Routes.Tenant, silo.Time.GetUtcNow());
            Assert.True(await silo.GrainFactory.GetGrain<IDecisionLogGrain>(logKey)
                .RecordOutcome(new RouteOutcome { RequestId = "req-1", NodeId = "edge-1", Succeeded = true, LatencyMs = 120 }));
        }

        var again = RoutingSilo.Options("Sqlite");
        again.DataDirectory = options.DataDirectory;
        again.Time = options.Time;
        await using var restarted = await TestSilo.StartAsync(again);
        var recent = await restarted.GrainFactory.GetGrain<IDecisionLogGrain>(logKey).Recent(10);

        Assert.Equal(["req-2", "req-1", "req-0"], recent.Select(r => r.RequestId));
        Assert.All(recent, r => Assert.Equal("edge-1", r.Decision.NodeId));
        Assert.All(recent, r => Assert.NotEmpty(r.Decision.Rationale));
        Assert.Equal(120, recent[1].Outcome!.LatencyMs);
        Assert.Null(recent[0].Outcome);
    }

    [Fact]
    public async Task The_log_keeps_only_its_newest_entries_and_a_query_honours_its_limit()
    {
        await using var silo = await RoutingSilo.Start(configure: o => o.DecisionLogCapacity = 3);
        await silo.Node("edge-1", RoutingSilo.EdgeProfile());
        await silo.RouteMany(5, "req");
        var log = silo.GrainFactory.GetGrain<IDecisionLogGrain>(RoutingKeys.DecisionLog(Routes.Tenant, silo.Time.GetUtcNow()));

        Assert.Equal(["req-4", "req-3", "req-2"], (await log.Recent(10)).Select(r => r.RequestId));
        Assert.Equal(["req-4"], (await log.Recent(1)).Select(r => r.RequestId));
        Assert.False(await log.RecordOutcome(new RouteOutcome { RequestId = "req-0", NodeId = "edge-1" }));
    }
}
