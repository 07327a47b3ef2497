using Reroute.Runtime.Core;
using Reroute.Runtime.Testing;
using Reroute.Runtime.Tests.Grains;
using Reroute.TestServers;

namespace Reroute.Runtime.Tests;

/// <summary>
/// The single-activation backstop (DESIGN.md, "The runtime contract"): where broker and membership briefly disagree
/// two activations of one grain can exist, and then the stale one's write must fail. Forced here by creating two
/// activations of one grain id directly, on each store a cluster may use.
/// </summary>
public sealed class StaleActivationTests(DynaliteServer dynalite) : IClassFixture<DynaliteServer>
{
    [Fact]
    public async Task Two_activations_racing_on_one_grain_the_stale_write_fails_in_sqlite()
    {
        await using var silo = await Silos.Start("Sqlite");
        await Race(silo);
    }

    [Fact]
    public async Task Two_activations_racing_on_one_grain_the_stale_write_fails_in_dynamodb()
    {
        var tables = await ClusterSilos.Tables(dynalite);
        await using var silo = await Silos.Start("DynamoDb", o =>
        {
            o.Configuration["Reroute:Storage:DynamoDb:ServiceUrl"] = tables.ServiceUrl;
            o.Configuration["Reroute:Storage:DynamoDb:AccessKey"] = tables.AccessKey;
            o.Configuration["Reroute:Storage:DynamoDb:SecretKey"] = tables.SecretKey;
            o.Configuration["Reroute:Storage:DynamoDb:StateTable"] = tables.StateTable;
            o.Configuration["Reroute:Storage:DynamoDb:RemindersTable"] = tables.RemindersTable;
        });
        await Race(silo);
    }

    [Fact]
    public async Task An_activation_whose_write_was_refused_as_stale_deactivates_and_the_next_call_reads_the_stored_state()
    {
        await using var silo = await Silos.Start("Sqlite");
        var (_, runtime, grainId, grain) = Stateful(silo, "stale");
        await grain.Set("agreed", write: true);

        await ChangedByAnotherWriter(runtime, grainId, "agreed");

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Set("stale", write: true));
        await ClusterSilos.Eventually("the stale activation gone", () => !runtime.Catalog.Activations().Any(a => a.GrainId == grainId));

        Assert.Equal("from the other writer", await grain.Get());
        await grain.Set("after", write: true);
        Assert.Equal("after", await grain.Get());
    }

    [Fact]
    public async Task An_activation_that_caught_the_refusal_of_its_own_write_goes_all_the_same()
    {
        await using var silo = await Silos.Start("Sqlite");
        var (_, runtime, grainId, grain) = Stateful(silo, "caught");
        await grain.Set("agreed", write: true);
        await ChangedByAnotherWriter(runtime, grainId, "agreed");

        Assert.False(await grain.TrySet("stale"));
        await ClusterSilos.Eventually("the stale activation gone", () => !runtime.Catalog.Activations().Any(a => a.GrainId == grainId));
        Assert.Equal("from the other writer", await grain.Get());
    }

    [Fact]
    public async Task An_activation_whose_OnActivateAsync_caught_the_refusal_of_its_write_serves_no_call_the_next_activation_does()
    {
        await using var silo = await Silos.Start("Sqlite");
        var (key, runtime, grainId, grain) = Stateful(silo, "activating");
        await grain.Set("agreed", write: true);
        await grain.Deactivate();
        await ClusterSilos.Eventually("the first activation gone", () => !runtime.Catalog.Activations().Any(a => a.GrainId == grainId));

        Signals.Set($"write-on-activation:{key}");
        var get = grain.Get();
        await Signals.Wait($"activation-read:{key}");
        await ChangedByAnotherWriter(runtime, grainId, "agreed");
        Signals.Set($"activation-gate:{key}");

        // The call waited for the activation whose write was refused; it is answered from the stored state.
        Assert.Equal("from the other writer", await get.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.True(Signals.IsSet($"activation-write-refused:{key}"));
    }

    [Fact]
    public async Task Only_the_activation_whose_write_was_refused_goes_a_caller_that_hears_the_exception_stays()
    {
        await using var silo = await Silos.Start("Sqlite");
        var runtime = ClusterSilos.Runtime(silo);
        var callerKey = Silos.Key("caller");
        var calleeKey = Silos.Key("callee");
        var callerId = new GrainId(GrainInterfaceRegistry.GrainTypeName(typeof(IStatefulGrain)), callerKey);
        var calleeId = new GrainId(GrainInterfaceRegistry.GrainTypeName(typeof(IStatefulGrain)), calleeKey);
        var caller = silo.GrainFactory.GetGrain<IStatefulGrain>(callerKey);
        await caller.Set("caller's own", write: true);
        await silo.GrainFactory.GetGrain<IStatefulGrain>(calleeKey).Set("agreed", write: true);
        var callerActivation = runtime.Catalog.Activations().Single(a => a.GrainId == callerId);

        await ChangedByAnotherWriter(runtime, calleeId, "agreed");

        await Assert.ThrowsAsync<InconsistentStateException>(() => caller.SetThrough(calleeKey, "stale"));
        await ClusterSilos.Eventually("the stale callee gone", () => !runtime.Catalog.Activations().Any(a => a.GrainId == calleeId));

        // The caller's next turn runs on the same activation: it was not taken for stale.
        await caller.Set("still here", write: true);
        Assert.Same(callerActivation, runtime.Catalog.Activations().Single(a => a.GrainId == callerId));
        Assert.Equal("from the other writer", await silo.GrainFactory.GetGrain<IStatefulGrain>(calleeKey).Get());
    }

    private static async Task Race(TestSilo silo)
    {
        var key = Silos.Key("raced");
        var runtime = ClusterSilos.Runtime(silo);
        var grainId = new GrainId(GrainInterfaceRegistry.GrainTypeName(typeof(IStatefulGrain)), key);
        await silo.GrainFactory.GetGrain<IStatefulGrain>(key).Set("agreed", write: true);
        await silo.GrainFactory.GetGrain<IStatefulGrain>(key).Deactivate();
        await ClusterSilos.Eventually("the grain deactivated (and wrote its state)", () => !runtime.Catalog.Activations().Any(x => x.GrainId == grainId));

        var first = new Activation(runtime, runtime.Classes.Get(grainId), grainId);
        var second = new Activation(runtime, runtime.Classes.Get(grainId), grainId);
        Assert.Equal("agreed", await (Task<string?>)first.Receive(Request(nameof(IStatefulGrain.Get))));
        Assert.Equal("agreed", await (Task<string?>)second.Receive(Request(nameof(IStatefulGrain.Get))));

        await first.Receive(Request(nameof(IStatefulGrain.Set), "winner", true));
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => second.Receive(Request(nameof(IStatefulGrain.Set), "stale", true)));
        Assert.NotNull(error.StoredEtag);

        Assert.Equal("winner", await silo.GrainFactory.GetGrain<IStatefulGrain>(key).Get());
    }

    /// <summary>A new stateful grain of <paramref name="silo"/>: its key, the silo's runtime, its grain id and a reference.</summary>
    private static (string Key, GrainRuntime Runtime, GrainId GrainId, IStatefulGrain Grain) Stateful(TestSilo silo, string prefix)
    {
        var key = Silos.Key(prefix);
        return (key, ClusterSilos.Runtime(silo), new GrainId(GrainInterfaceRegistry.GrainTypeName(typeof(IStatefulGrain)), key), silo.GrainFactory.GetGrain<IStatefulGrain>(key));
    }

    /// <summary>Another writer (as a silo that died with its write still on the way) changes the grain's stored state.</summary>
    internal static async Task ChangedByAnotherWriter(GrainRuntime runtime, GrainId grainId, string expected)
    {
        var other = new Activation(runtime, runtime.Classes.Get(grainId), grainId);
        Assert.Equal(expected, await (Task<string?>)other.Receive(Request(nameof(IStatefulGrain.Get))));
        await other.Receive(Request(nameof(IStatefulGrain.Set), "from the other writer", true));
    }

    private static GrainRequest Request(string method, params object[] arguments) => GrainRequests.For<IStatefulGrain>(method, arguments);
}
