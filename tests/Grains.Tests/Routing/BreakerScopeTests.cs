using Reroute.Grains.Routing;
using Reroute.Interfaces.Routing;
using Reroute.Runtime.Testing;

namespace Reroute.Grains.Tests.Routing;

public sealed class BreakerScopeTests
{
    private static readonly TimeSpan Break = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Ramp = TimeSpan.FromSeconds(60);

    private static TestSiloOptions Options() => RoutingSilo.Options("Sqlite", o =>
    {
        o.HeartbeatTimeout = TimeSpan.FromDays(1);
        o.BreakerBreakDuration = Break;
        o.RampDuration = Ramp;
    });

    private static RouteOutcome Failure(string node, int i) => new() { RequestId = $"r{i}", NodeId = node, Succeeded = false, LatencyMs = 900 };

    [Fact]
    public async Task An_open_breaker_stays_open_across_a_silo_restart_for_the_rest_of_its_break_and_a_ramp_goes_on()
    {
        var options = Options();
        await using (var silo = await TestSilo.StartAsync(options))
        {
            var breaker = silo.GrainFactory.GetGrain<ICircuitBreakerGrain>("edge-1");
            for (var i = 0; i < 5; i++)
            {
                await breaker.Record(Failure("edge-1", i));
            }

            Assert.Equal(BreakerState.Open, (await breaker.Status()).State);
            silo.Time.Advance(TimeSpan.FromSeconds(10));
        }

        await using (var restarted = await TestSilo.StartAsync(options))
        {
            var breaker = restarted.GrainFactory.GetGrain<ICircuitBreakerGrain>("edge-1");
            Assert.Equal(BreakerState.Open, (await breaker.Status()).State);

            // 10 s of the 30 s break passed before the restart: the probe is due 20 s after it, not 30.
            restarted.Time.Advance(TimeSpan.FromSeconds(19));
            Assert.Equal(BreakerState.Open, (await breaker.Status()).State);
            restarted.Time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(BreakerState.HalfOpen, (await breaker.Status()).State);

            var closed = await breaker.Record(new RouteOutcome { RequestId = "probe", NodeId = "edge-1", Succeeded = true, LatencyMs = 50 });
            Assert.Equal(BreakerState.Closed, closed.State);
            restarted.Time.Advance(Ramp / 2);
        }

        await using var again = await TestSilo.StartAsync(options);
        var ramping = await again.GrainFactory.GetGrain<ICircuitBreakerGrain>("edge-1").Status();
        Assert.Equal(BreakerState.Closed, ramping.State);
        Assert.Equal(0.625, ramping.AdmitFraction, 6);
    }

    [Fact]
    public async Task Failures_spread_over_a_tier_open_its_breaker_though_no_node_reached_its_own_threshold()
    {
        await using var silo = await TestSilo.StartAsync(Options());
        for (var n = 0; n < 10; n++)
        {
            await silo.Node($"edge-{n}", RoutingSilo.EdgeProfile());
        }

        await silo.Node("cloud-1", RoutingSilo.CloudProfile());
        Assert.StartsWith("edge-", (await silo.Router().Route(Routes.Request() with { RequestId = "before" })).NodeId, StringComparison.Ordinal);

        // Two failures per edge node (a node's breaker needs five), twenty in the tier (its threshold).
        for (var i = 0; i < 20; i++)
        {
            await BreakerOutcomes.Record(silo.GrainFactory, ComputeTier.Edge, Failure($"edge-{i % 10}", i));
        }

        Assert.All(
            await Task.WhenAll(Enumerable.Range(0, 10).Select(n => silo.GrainFactory.GetGrain<ICircuitBreakerGrain>($"edge-{n}").Status())),
            s => Assert.Equal(BreakerState.Closed, s.State));
        Assert.Equal(BreakerState.Open, (await silo.GrainFactory.GetGrain<ICircuitBreakerGrain>(RoutingKeys.TierBreaker(ComputeTier.Edge)).Status()).State);

        silo.Time.Advance(TimeSpan.FromSeconds(1));
        var open = await silo.RouteMany(50, "tier-open");
        Assert.Equal(50, open.GetValueOrDefault("cloud-1"));

        // Half-open: a probe share of the edge-eligible traffic goes back to the edge tier, not all of it.
        silo.Time.Advance(Break);
        var probing = await silo.RouteMany(400, "tier-half-open");
        var edgeShare = probing.Where(p => p.Key.StartsWith("edge-", StringComparison.Ordinal)).Sum(p => p.Value) / 400.0;
        Assert.InRange(edgeShare, 0.04, 0.18);
    }
}
