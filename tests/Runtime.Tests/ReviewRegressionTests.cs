using Microsoft.Extensions.DependencyInjection;
using Reroute.Runtime.Core;
using Reroute.Runtime.Persistence;
using Reroute.Runtime.Testing;
using Reroute.Runtime.Tests.Grains;

namespace Reroute.Runtime.Tests;

/// <summary>Races and edge cases found in review, each pinned by the scenario that exposed it.</summary>
public sealed class ReviewRegressionTests
{
    private static readonly string StatefulType = typeof(IStatefulGrain).FullName!;

    [Fact]
    public async Task A_call_reaching_an_activation_that_just_became_invalid_is_forwarded_to_the_next_one()
    {
        await using var silo = await Silos.Start();
        var key = Silos.Key();
        await silo.GrainFactory.GetGrain<IGateGrain>(key).Started();
        var runtime = silo.Services.GetRequiredService<GrainRuntime>();
        var stale = runtime.Catalog.Activations().Single(a => a.GrainId.Key == key);
        await stale.DeactivateAsync(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "test"));

        // Stands in for a caller that looked the activation up just before it went away.
        await stale.Receive(new Probe(stale.GrainId)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.NotSame(stale, runtime.Catalog.Activations().Single(a => a.GrainId.Key == key));
    }

    [Fact]
    public async Task Callers_racing_an_activation_that_deactivates_after_every_call_all_complete_and_the_last_value_is_kept()
    {
        // CI once died of a stack overflow here: a call that found the activation gone while the catalog still held
        // it was passed back to it again and again on the caller's stack.
        const int callers = 8;
        const int rounds = 40;
        await using var silo = await Silos.Start();
        var key = Silos.Key();
        var grain = silo.GrainFactory.GetGrain<IStatefulGrain>(key);
        var runtime = silo.Services.GetRequiredService<GrainRuntime>();

        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            for (var round = 0; round < rounds; round++)
            {
                await grain.Set($"{caller}:{round}", write: false);
                await grain.Deactivate();
            }
        }))).WaitAsync(TimeSpan.FromSeconds(60));

        await ClusterSilos.Eventually("the last activation gone", () => !runtime.Catalog.Activations().Any(a => a.GrainId.Key == key));
        var lastValues = Enumerable.Range(0, callers).Select(caller => $"{caller}:{rounds - 1}");
        Assert.Contains(await grain.Get(), lastValues);
    }

    [Fact]
    public async Task A_call_waiting_at_a_stateless_worker_that_is_deactivated_completes_on_another_worker()
    {
        await using var silo = await Silos.Start();
        var key = Silos.Key();
        var (busy, late) = (Silos.Key("g1"), Silos.Key("g2"));
        var worker = silo.GrainFactory.GetGrain<IWorkerGrain>(key);
        var first = Enumerable.Range(0, 4).Select(_ => worker.Pass(busy)).ToArray();
        await Signals.Wait($"{busy}:running:4");
        var runtime = silo.Services.GetRequiredService<GrainRuntime>();
        var pool = (StatelessWorkerPool)runtime.Catalog.GetOrCreate(new GrainId(typeof(IWorkerGrain).FullName!, key));

        var fifth = worker.Pass(late);
        var gone = pool.Workers[0].DeactivateAsync(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "test"));
        Signals.Set(busy);
        await Task.WhenAll(first);
        await gone.WaitAsync(TimeSpan.FromSeconds(10));
        Signals.Set(late);

        await fifth.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Calls_waiting_when_shutdown_begins_run_and_their_new_activation_is_deactivated_and_persisted_too()
    {
        var options = Silos.Options("Sqlite");
        var key = Silos.Key();
        var silo = await TestSilo.StartAsync(options);
        var grain = silo.GrainFactory.GetGrain<IStatefulGrain>(key);
        var inFlight = grain.SetAfterGate("first");
        await Signals.Wait($"entered:{key}");
        var waiting = grain.Set("second", write: false);

        var stopping = silo.StopAsync();
        Signals.Set($"gate:{key}");
        await Task.WhenAll(inFlight, waiting, stopping).WaitAsync(TimeSpan.FromSeconds(20));

        await using var restarted = await TestSilo.StartAsync(options);
        Assert.Equal("second", await restarted.GrainFactory.GetGrain<IStatefulGrain>(key).Get());
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Memory")]
    public async Task A_version_from_before_a_clear_can_never_write_over_what_came_after_it(string provider)
    {
        await using var silo = await Silos.Start(provider);
        var storage = silo.Services.GetRequiredService<GrainStorageRegistry>().Get(provider);
        var grainId = new GrainId(StatefulType, Silos.Key());

        var stale = await storage.WriteAsync(grainId, "profile", """{"value":"v1"}""", null, CancellationToken.None);
        var live = await storage.WriteAsync(grainId, "profile", """{"value":"v2"}""", stale, CancellationToken.None);
        await storage.ClearAsync(grainId, "profile", live, CancellationToken.None);
        Assert.Null(await storage.ReadAsync(grainId, "profile", CancellationToken.None));
        var recreated = await storage.WriteAsync(grainId, "profile", """{"value":"v3"}""", null, CancellationToken.None);

        Assert.NotEqual(stale, recreated);
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteAsync(grainId, "profile", """{"value":"stale"}""", stale, CancellationToken.None));
        Assert.Equal("""{"value":"v3"}""", (await storage.ReadAsync(grainId, "profile", CancellationToken.None))!.Json);
    }

    private sealed class Probe(GrainId id) : RuntimeRequest(new GrainMethod(id.Type, "Probe", "Probe", GrainMethodFlags.None, null))
    {
        public override Task Invoke(object grain) => Task.CompletedTask;
    }
}
