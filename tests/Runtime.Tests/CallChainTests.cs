using Reroute.Runtime.Tests.Grains;

namespace Reroute.Runtime.Tests;

public sealed class CallChainTests
{
    [Fact]
    public async Task A_calls_B_calls_A_completes_under_call_chain_reentrancy()
    {
        await using var silo = await Silos.Start();
        var a = silo.GrainFactory.GetGrain<IChainGrain>("a");

        var result = await a.Start("b", "a").WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("via b: leaf a", result);
    }

    [Fact]
    public async Task A_cycle_into_a_grain_that_forbids_reentrancy_fails_naming_the_cycle()
    {
        await using var silo = await Silos.Start();
        var strict = silo.GrainFactory.GetGrain<IStrictChainGrain>("s1");

        var error = await Assert.ThrowsAsync<DeadlockException>(() => strict.Start("middle").WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Contains("IStrictChainGrain/s1.Start", error.Message);
        Assert.Contains("IChainGrain/middle.MiddleToStrict", error.Message);
        Assert.Contains("IStrictChainGrain/s1.Leaf", error.Message);
    }

    [Fact]
    public async Task A_call_that_never_completes_times_out_on_the_silo_clock_naming_grain_and_method()
    {
        await using var silo = await Silos.Start();
        var grain = silo.GrainFactory.GetGrain<IChainGrain>("stuck");

        var gate = Silos.Key("gate");
        var call = grain.Hang(gate);
        silo.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(call.IsCompleted);
        silo.Time.Advance(TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => call.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("IChainGrain/stuck.Hang", error.Message);
        Assert.Contains("00:00:30", error.Message);
        Signals.Set(gate);
    }

    [Fact]
    public async Task Request_context_flows_from_the_caller_through_grain_to_grain_calls()
    {
        await using var silo = await Silos.Start();
        RequestContext.CorrelationId = "corr-42";
        RequestContext.Tenant = "clinic-north";
        try
        {
            var seen = await silo.GrainFactory.GetGrain<IContextGrain>("first").ThroughTo("second");
            Assert.Equal("corr-42|clinic-north", seen);
        }
        finally
        {
            RequestContext.Clear();
        }

        Assert.Equal("|", await silo.GrainFactory.GetGrain<IContextGrain>("third").Seen());
    }
}
