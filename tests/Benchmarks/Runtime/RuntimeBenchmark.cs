using System.Diagnostics;

namespace Reroute.Benchmarks.Runtime;

/// <summary>
/// The grain runtime on one silo: call throughput and latency, activation cost and memory, durable SQLite writes.
/// Figures go to bench-results/runtime.json.
/// </summary>
internal static class RuntimeBenchmark
{
    private const int Grains = 1_000;
    private const int IdleActivations = 100_000;

    public static async Task RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var window = TimeSpan.FromSeconds(quick ? 1 : 4);
        var results = new BenchResults("runtime");
        Console.WriteLine($"runtime benchmark: {Environment.ProcessorCount} cores, {(quick ? "quick" : "full")} run");

        await using (var silo = await BenchSilo.StartAsync("Memory"))
        {
            var grains = Enumerable.Range(0, Grains).Select(i => silo.Grains.GetGrain<IPingGrain>("p" + i)).ToArray();
            await Task.WhenAll(grains.Select(static g => g.Ping(0)));
            await OneCallerSequential(grains, TimeSpan.FromMilliseconds(300));
            await ManyCallers(grains, TimeSpan.FromMilliseconds(300), yielding: false);

            var oneCaller = await OneCallerSequential(grains, window);
            results.Add("calls_per_second_one_caller", oneCaller, "calls/s", "one caller → 1,000 grains (await each)");
            var manyCallers = await ManyCallers(grains, window, yielding: false);
            results.Add("calls_per_second_many_callers", manyCallers, "calls/s", $"{Callers} callers → 1,000 grains");
            var peak = Math.Max(oneCaller, manyCallers);
            results.Add("calls_per_second", peak, "calls/s", "best pattern");

            var (p50, p99) = await LatencyAtRate(grains, peak / 2, window, yielding: false);
            results.Add("p50_us_at_half_load", p50, "µs", "call latency p50 at half of peak rate");
            results.Add("p99_us_at_half_load", p99, "µs", "call latency p99 at half of peak rate");

            var asyncPeak = await ManyCallers(grains, window, yielding: true);
            results.Add("calls_per_second_async_grain", asyncPeak, "calls/s", $"{Callers} callers, grain awaits (scheduler hop)");
            var (ap50, ap99) = await LatencyAtRate(grains, asyncPeak / 2, window, yielding: true);
            results.Add("p50_us_at_half_load_async_grain", ap50, "µs", "  … p50 at half of that rate");
            results.Add("p99_us_at_half_load_async_grain", ap99, "µs", "  … p99 at half of that rate");
        }

        await using (var silo = await BenchSilo.StartAsync("Memory"))
        {
            var (perSecond, bytes) = await Activations(silo, quick ? IdleActivations / 5 : IdleActivations);
            results.Add("activations_per_second", perSecond, "activations/s", "activations created");
            results.Add("bytes_per_idle_activation", bytes, "bytes", $"runtime memory per idle activation ({(quick ? IdleActivations / 5 : IdleActivations):N0} live)");
        }

        await using (var silo = await BenchSilo.StartAsync("Sqlite"))
        {
            var single = await SqliteWrites(silo, writers: 1, window);
            results.Add("sqlite_writes_per_second_single_grain", single, "writes/s", "durable writes, one grain (each awaited)");
            var many = await SqliteWrites(silo, writers: 1_000, window);
            results.Add("sqlite_writes_per_second", many, "writes/s", "durable writes, 1,000 grains writing at once");
        }

        Console.WriteLine($"written {results.Write()}");
    }

    private static int Callers => Environment.ProcessorCount * 2;

    private static async Task<double> OneCallerSequential(IPingGrain[] grains, TimeSpan window)
    {
        return await Task.Run(async () =>
        {
            long calls = 0;
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < window)
            {
                for (var i = 0; i < grains.Length; i++)
                {
                    await grains[i].Ping(i);
                }

                calls += grains.Length;
            }

            return calls / watch.Elapsed.TotalSeconds;
        });
    }

    private static async Task<double> ManyCallers(IPingGrain[] grains, TimeSpan window, bool yielding)
    {
        var watch = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            long calls = 0;
            var offset = caller * 7;
            while (watch.Elapsed < window)
            {
                for (var i = 0; i < grains.Length; i++)
                {
                    var grain = grains[(i + offset) % grains.Length];
                    await (yielding ? grain.PingYield(i) : grain.Ping(i));
                }

                calls += grains.Length;
            }

            return calls;
        })));
        return counts.Sum() / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Paced callers at <paramref name="rate"/> calls/s in total; latency of every call.</summary>
    private static async Task<(double P50, double P99)> LatencyAtRate(IPingGrain[] grains, double rate, TimeSpan window, bool yielding)
    {
        var callers = Environment.ProcessorCount;
        var perCaller = rate / callers;
        var interval = Stopwatch.Frequency / perCaller;
        var samplesPerCaller = (int)Math.Min(perCaller * window.TotalSeconds, 2_000_000);
        var samples = await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var latencies = new long[samplesPerCaller];
            var next = (double)Stopwatch.GetTimestamp();
            for (var n = 0; n < samplesPerCaller; n++)
            {
                next += interval;
                while (Stopwatch.GetTimestamp() < next)
                {
                    Thread.SpinWait(10);
                }

                var grain = grains[(n * 13 + caller) % grains.Length];
                var start = Stopwatch.GetTimestamp();
                await (yielding ? grain.PingYield(n) : grain.Ping(n));
                latencies[n] = Stopwatch.GetTimestamp() - start;
            }

            return latencies;
        })));
        var all = samples.SelectMany(static s => s).Order().ToArray();
        double Percentile(double p) => all[(int)Math.Min(all.Length - 1, Math.Ceiling(p * all.Length) - 1)] * 1_000_000.0 / Stopwatch.Frequency;
        return (Percentile(0.50), Percentile(0.99));
    }

    private static async Task<(double PerSecond, double BytesPerActivation)> Activations(BenchSilo silo, int count)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        const int Batch = 1_000;
        for (var start = 0; start < count; start += Batch)
        {
            await Task.WhenAll(Enumerable.Range(start, Math.Min(Batch, count - start))
                .Select(i => silo.Grains.GetGrain<IPingGrain>("idle-" + i).Ping(i)));
        }

        var elapsed = watch.Elapsed;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        return (count / elapsed.TotalSeconds, (after - before) / (double)count);
    }

    private static async Task<double> SqliteWrites(BenchSilo silo, int writers, TimeSpan window)
    {
        var grains = Enumerable.Range(0, writers).Select(i => silo.Grains.GetGrain<IWriterGrain>($"w{writers}-{i}")).ToArray();
        await Task.WhenAll(grains.Select(static g => g.Write(0)));
        var watch = Stopwatch.StartNew();
        var counts = await Task.WhenAll(grains.Select(grain => Task.Run(async () =>
        {
            long writes = 0;
            while (watch.Elapsed < window)
            {
                await grain.Write((int)writes);
                writes++;
            }

            return writes;
        })));
        return counts.Sum() / watch.Elapsed.TotalSeconds;
    }
}
