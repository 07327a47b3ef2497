using Reroute.Runtime.Tests.Grains;

namespace Reroute.Runtime.Tests;

public sealed class TurnTests
{
    [Fact]
    public async Task Ten_thousand_concurrent_calls_to_one_counter_end_exact_with_no_overlapping_turns()
    {
        await using var silo = await Silos.Start();
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>(Silos.Key());

        var calls = Enumerable.Range(0, 10_000)
            .Select(i => Task.Run(() => i % 2 == 0 ? counter.Increment() : counter.IncrementAfterYield()))
            .ToArray();
        var results = await Task.WhenAll(calls);

        var report = await counter.Report();
        Assert.Equal(10_000, report.Value);
        Assert.Equal(0, report.Overlaps);
        Assert.Equal(Enumerable.Range(1, 10_000), results.Order());
    }

    [Fact]
    public async Task A_normal_grain_queues_a_second_call_until_the_first_turn_ends()
    {
        await using var silo = await Silos.Start();
        var grain = silo.GrainFactory.GetGrain<IGateGrain>(Silos.Key());
        var gate = Silos.Key("gate");

        var first = grain.Pass(gate);
        await Signals.Wait($"{gate}:started:1");
        var second = grain.Pass(gate);

        // Started is [AlwaysInterleave]: it runs now, behind anything the scheduler already took, and sees one start.
        Assert.Equal(1, await grain.Started());
        Assert.False(second.IsCompleted);

        Signals.Set(gate);
        Assert.Equal(new[] { 1, 2 }, await Task.WhenAll(first, second));
    }

    [Fact]
    public async Task Read_only_calls_interleave_with_each_other_but_not_with_a_writer()
    {
        await using var silo = await Silos.Start();
        var grain = silo.GrainFactory.GetGrain<IGateGrain>(Silos.Key());
        var gate = Silos.Key("gate");

        var first = grain.Peek(gate);
        var second = grain.Peek(gate);
        await Signals.Wait($"{gate}:started:2");
        var writer = grain.Pass(gate);
        Assert.Equal(2, await grain.Started());

        Signals.Set(gate);
        await Task.WhenAll(first, second, writer);
        Assert.Equal(3, await grain.Started());
    }

    [Fact]
    public async Task A_stateless_worker_runs_concurrent_calls_in_parallel()
    {
        await using var silo = await Silos.Start();
        var worker = silo.GrainFactory.GetGrain<IWorkerGrain>("pool");
        var gate = Silos.Key("gate");

        var calls = Enumerable.Range(0, 4).Select(_ => worker.Pass(gate)).ToArray();

        // All four are inside the grain at once: four activations of one id.
        await Signals.Wait($"{gate}:running:4");
        Signals.Set(gate);
        await Task.WhenAll(calls);
    }

    [Fact]
    public async Task A_reentrant_grain_interleaves_requests_but_never_runs_them_in_parallel()
    {
        await using var silo = await Silos.Start();
        var grain = silo.GrainFactory.GetGrain<IInterleavingGrain>(Silos.Key());

        await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => Task.Run(grain.Work)));

        var report = await grain.Report();
        Assert.True(report.MaxRequests > 1, $"requests should interleave (max {report.MaxRequests})");
        Assert.Equal(0, report.ParallelSections);
    }

    [Fact]
    public async Task An_exception_thrown_in_a_grain_reaches_the_caller_with_its_type_and_message()
    {
        await using var silo = await Silos.Start();
        var grain = silo.GrainFactory.GetGrain<IStatefulGrain>(Silos.Key());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Fail("provider P-17 has no slots"));

        Assert.Equal("provider P-17 has no slots", error.Message);
        Assert.Null(await grain.Get());
    }

    [Fact]
    public async Task A_failed_activation_fails_the_call_and_the_next_call_activates_again()
    {
        await using var silo = await Silos.Start();
        var grain = silo.GrainFactory.GetGrain<IBrokenGrain>(Silos.Key());

        var error = await Assert.ThrowsAsync<InvalidDataException>(grain.Hello);
        Assert.Equal("activation failed once", error.Message);
        Assert.Equal("hello", await grain.Hello());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task GetGrain_with_a_null_or_empty_key_is_refused(string? key)
    {
        await using var silo = await Silos.Start();
        var error = Assert.Throws<ArgumentException>(() => silo.GrainFactory.GetGrain<ICounterGrain>(key!));
        Assert.Contains("non-empty", error.Message);
    }
}
