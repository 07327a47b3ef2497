using Reroute.Grains.Routing;
using Reroute.Interfaces.Routing;
using Reroute.Runtime.Testing;

namespace Reroute.Grains.Tests.Routing;

public sealed class CircuitBreakerGrainTests
{
    private const int Requests = 400;

    private static readonly TimeSpan Break = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Ramp = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_breaker_opens_after_failures_probes_after_the_break_closes_on_success_and_ramps_traffic_back()
    {
        await using var silo = await Start();
        var breaker = silo.GrainFactory.GetGrain<ICircuitBreakerGrain>("edge-1");

        Assert.Equal(BreakerState.Closed, (await breaker.Status()).State);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(BreakerState.Closed, (await breaker.Record(Failure(i))).State);
        }

        var opened = await breaker.Record(Failure(4));
        Assert.Equal(BreakerState.Open, opened.State);
        Assert.Equal(0, opened.AdmitFraction);

        silo.Time.Advance(Break - TimeSpan.FromSeconds(1));
        Assert.Equal(BreakerState.Open, (await breaker.Status()).State);
        silo.Time.Advance(TimeSpan.FromSeconds(1));
        var halfOpen = await breaker.Status();
        Assert.Equal(BreakerState.HalfOpen, halfOpen.State);
        Assert.Equal(0.1, halfOpen.AdmitFraction, 6);

        var closed = await breaker.Record(new RouteOutcome { RequestId = "probe", NodeId = "edge-1", Succeeded = true, LatencyMs = 80 });
        Assert.Equal(BreakerState.Closed, closed.State);
        Assert.Equal(0.25, closed.AdmitFraction, 6);

        silo.Time.Advance(Ramp / 2);
        Assert.Equal(0.625, (await breaker.Status()).AdmitFraction, 6);
        silo.Time.Advance(Ramp / 2);
        Assert.Equal(1, (await breaker.Status()).AdmitFraction);
    }

    [Fact]
    public async Task A_failed_probe_opens_the_breaker_again()
    {
        await using var silo = await Start();
        var breaker = silo.GrainFactory.GetGrain<ICircuitBreakerGrain>("edge-1");
        for (var i = 0; i < 5; i++)
        {
            await breaker.Record(Failure(i));
        }

        silo.Time.Advance(Break);
        var reopened = await breaker.Record(Failure(99));

        Assert.Equal(BreakerState.Open, reopened.State);
        Assert.Equal(0, reopened.AdmitFraction);
    }

    [Fact]
    public async Task Slow_answers_count_as_failures()
    {
        await using var silo = await Start();
        var breaker = silo.GrainFactory.GetGrain<ICircuitBreakerGrain>("edge-1");

        for (var i = 0; i < 5; i++)
        {
            await breaker.Record(new RouteOutcome { RequestId = $"r{i}", NodeId = "edge-1", Succeeded = true, LatencyMs = 60_000 });
        }

        Assert.Equal(BreakerState.Open, (await breaker.Status()).State);
    }

    [Fact]
    public async Task The_router_sends_nothing_to_an_open_node_a_probe_share_when_half_open_and_a_growing_share_after_it_closes()
    {
        await using var silo = await Start();
        await silo.Node("edge-1", RoutingSilo.EdgeProfile());
        await silo.Node("cloud-1", RoutingSilo.CloudProfile());
        var breaker = silo.GrainFactory.GetGrain<ICircuitBreakerGrain>("edge-1");

        var healthy = await silo.RouteMany(Requests, "healthy");
        Assert.Equal(Requests, healthy.GetValueOrDefault("edge-1"));

        for (var i = 0; i < 5; i++)
        {
            await breaker.Record(Failure(i));
        }

        silo.Time.Advance(TimeSpan.FromSeconds(1));
        var open = await silo.RouteMany(Requests, "open");
        Assert.Equal(0, open.GetValueOrDefault("edge-1"));
        Assert.Equal(Requests, open.GetValueOrDefault("cloud-1"));

        silo.Time.Advance(Break);
        var halfOpen = Share(await silo.RouteMany(Requests, "half-open"));
        Assert.InRange(halfOpen, 0.04, 0.18);

        await breaker.Record(new RouteOutcome { RequestId = "probe", NodeId = "edge-1", Succeeded = true, LatencyMs = 80 });
        silo.Time.Advance(TimeSpan.FromSeconds(1));
        var early = Share(await silo.RouteMany(Requests, "ramp-early"));
        silo.Time.Advance(Ramp / 2);
        var middle = Share(await silo.RouteMany(Requests, "ramp-middle"));
        silo.Time.Advance(Ramp / 2);
        var after = Share(await silo.RouteMany(Requests, "ramp-done"));

        Assert.InRange(early, 0.17, 0.36);
        Assert.InRange(middle, 0.52, 0.74);
        Assert.True(early < middle, $"early {early}, middle {middle}");
        Assert.Equal(1, after);
    }

    [Fact]
    public async Task A_recovering_node_still_serves_a_request_it_is_the_only_option_for()
    {
        await using var silo = await Start();
        await silo.Node("edge-1", RoutingSilo.EdgeProfile());
        var breaker = silo.GrainFactory.GetGrain<ICircuitBreakerGrain>("edge-1");
        for (var i = 0; i < 5; i++)
        {
            await breaker.Record(Failure(i));
        }

        silo.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(RouteStatus.NoEligibleNode, (await silo.Router().Route(Routes.Request() with { RequestId = "open" })).Status);

        silo.Time.Advance(Break);
        var routes = await silo.RouteMany(20, "only");
        Assert.Equal(20, routes.GetValueOrDefault("edge-1"));
    }

    private static double Share(Dictionary<string, int> routes) => routes.GetValueOrDefault("edge-1") / (double)Requests;

    private static RouteOutcome Failure(int i) => new() { RequestId = $"r{i}", NodeId = "edge-1", Succeeded = false, LatencyMs = 900 };

    // Heartbeats that never time out here: these tests move the clock for the breaker only.
    private static Task<TestSilo> Start() => RoutingSilo.Start(configure: o =>
    {
        o.HeartbeatTimeout = TimeSpan.FromDays(1);
        o.BreakerBreakDuration = Break;
        o.RampDuration = Ramp;
    });
}
