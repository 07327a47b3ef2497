using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Reroute.Benchmarks.Runtime;
using Reroute.Runtime.Cluster;
using Reroute.Runtime.Hosting;
using Reroute.Runtime.Serialization;
using Reroute.TestServers;

namespace Reroute.Benchmarks.Cluster;

/// <summary>
/// Cluster mode on loopback: a real RabbitMQ broker, two silo processes and a cluster client in this process. Every
/// call crosses processes through the broker (published with confirms, acknowledged after the turn, answered on the
/// reply queue). Then one silo is killed with kill -9 under load: how long until the survivor owns every partition,
/// and how many calls were lost. Figures go to bench-results/cluster.json.
/// </summary>
internal static class ClusterBenchmark
{
    public const string SiloVerb = "cluster-silo";
    private const int Partitions = 64;
    private const int Grains = 1_000;
    private const int ThroughputCallers = 512;
    private const int LatencyCallers = 8;

    public static async Task RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var window = TimeSpan.FromSeconds(quick ? 2 : 5);

        // Any Reroute:Cluster:Name=value argument goes to both silos and the client, to compare transport settings.
        Overrides = [.. args.Where(static a => a.StartsWith("Reroute:Cluster:", StringComparison.Ordinal) && a.Contains('='))];
        var results = new BenchResults("cluster");
        Console.WriteLine($"cluster benchmark: {Environment.ProcessorCount} cores, {(quick ? "quick" : "full")} run; starting RabbitMQ");
        results.Add("codec_us_per_call", CodecMicroseconds(), "µs", "encode + decode of a call and its reply (JSON), per call, one thread");

        var broker = new RabbitMqServer();
        await broker.InitializeAsync();
        try
        {
            var name = "bench-" + Guid.NewGuid().ToString("N")[..8];
            var a = await StartSilo(broker, "silo-a", Settings(broker.Uri, name, "silo-a"));
            await using var _a = a;
            var b = await StartSilo(broker, "silo-b", Settings(broker.Uri, name, "silo-b"));
            await using var _b = b;
            await Until(() => a.Owned + b.Owned == Partitions && a.Owned > 0 && b.Owned > 0, TimeSpan.FromSeconds(60));

            using var client = await StartClient(broker.Uri, name);
            var factory = client.Services.GetRequiredService<IGrainFactory>();
            var grains = Enumerable.Range(0, Grains).Select(i => factory.GetGrain<IPingGrain>("p" + i)).ToArray();
            await Task.WhenAll(grains.Select(static g => g.Ping(0)));
            // Warm up until the JIT's tiered recompilation has settled (it took a fifth of the CPU in the first seconds).
            await Load(grains, ThroughputCallers, TimeSpan.FromSeconds(quick ? 1 : 6), null);

            // CPU per call as well as calls/s: on a shared machine the wall-clock rate moves with other load, the work a
            // call costs the broker, the silos and the client much less.
            var cpuBefore = (Broker: broker.ProcessorTime, Silos: a.ProcessorTime + b.ProcessorTime, Client: Process.GetCurrentProcess().TotalProcessorTime);
            var transport = client.Services.GetRequiredService<ClusterTransport>();
            var sentBefore = transport.Traffic;
            var (calls, _) = await Load(grains, ThroughputCallers, window, null);
            var sent = transport.Traffic;
            var perCall = (Broker: (broker.ProcessorTime - cpuBefore.Broker).TotalMilliseconds / calls,
                Silos: (a.ProcessorTime + b.ProcessorTime - cpuBefore.Silos).TotalMilliseconds / calls,
                Client: (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore.Client).TotalMilliseconds / calls);
            results.Add("cross_silo_calls_per_second", calls / window.TotalSeconds, "calls/s", $"{ThroughputCallers} callers → {Grains} grains on 2 silos, via the broker");
            results.Add("cross_silo_calls_per_message", (double)(sent.Calls - sentBefore.Calls) / Math.Max(1, sent.CallMessages - sentBefore.CallMessages), "calls", "calls the client sent per broker message (batching under load)");
            results.Add("cross_silo_cpu_ms_per_call", perCall.Broker + perCall.Silos + perCall.Client, "ms", "CPU time per call, broker + both silos + client");
            results.Add("cross_silo_cpu_ms_per_call_broker", perCall.Broker, "ms", "of which RabbitMQ");
            results.Add("cross_silo_cpu_ms_per_call_silos", perCall.Silos, "ms", "of which the two silo processes");
            results.Add("cross_silo_cpu_ms_per_call_client", perCall.Client, "ms", "of which the calling client");
            var one = new List<double>();
            await Load(grains, 1, window, one);
            one.Sort();
            results.Add("cross_silo_p50_ms_one_caller", Percentile(one, 0.50), "ms", "call latency p50, one caller calling in a loop");
            results.Add("cross_silo_p99_ms_one_caller", Percentile(one, 0.99), "ms", "call latency p99, one caller calling in a loop");
            var latencies = new List<double>();
            await Load(grains, LatencyCallers, window, latencies);
            latencies.Sort();
            results.Add("cross_silo_p50_ms", Percentile(latencies, 0.50), "ms", $"call latency p50 ({LatencyCallers} callers)");
            results.Add("cross_silo_p99_ms", Percentile(latencies, 0.99), "ms", $"call latency p99 ({LatencyCallers} callers)");
            var floor = await BrokerFloor.Measure(broker.Uri, LatencyCallers);
            results.Add("broker_floor_p50_ms", floor.P50, "ms", $"RabbitMQ alone: persistent publish → delivery on a quorum queue, {LatencyCallers} publishers (one queue each), p50");
            results.Add("broker_floor_p99_ms", floor.P99, "ms", "… p99: the request leg of a call cannot be faster");
            var roundTrip = await BrokerFloor.Measure(broker.Uri, LatencyCallers, roundTrip: true);
            results.Add("broker_round_trip_floor_p50_ms", roundTrip.P50, "ms", $"RabbitMQ alone: that request, then a transient reply over a durable classic queue, {LatencyCallers} publishers, p50");
            results.Add("broker_round_trip_floor_p99_ms", roundTrip.P99, "ms", "… p99: a cross-silo call (one message each way) cannot be faster");

            // kill -9 of silo B while callers keep calling; every call must still complete.
            using var stop = new CancellationTokenSource();
            var issued = 0;
            var failed = 0;
            var running = Enumerable.Range(0, LatencyCallers * 4).Select(c => Task.Run(async () =>
            {
                for (var i = c; !stop.IsCancellationRequested; i += LatencyCallers * 4)
                {
                    Interlocked.Increment(ref issued);
                    try
                    {
                        await grains[i % Grains].Ping(1);
                    }
                    catch (Exception)
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
            })).ToList();
            await Task.Delay(TimeSpan.FromSeconds(1));
            var killed = Stopwatch.StartNew();
            b.Kill();
            await Until(() => a.Owned == Partitions, TimeSpan.FromSeconds(60));
            var failover = killed.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(1));
            await stop.CancelAsync();
            await Task.WhenAll(running).WaitAsync(TimeSpan.FromMinutes(2));
            results.Add("failover_seconds", failover.TotalSeconds, "s", "kill -9 → every partition owned again (default heartbeats 1 s, failure timeout 5 s)");
            results.Add("requests_lost", failed, "calls", $"calls failed or lost of {issued:N0} made across the kill");
            results.Note("note", "Figures from a shared 2-core machine; the client, both silos and the broker share those cores.");
            results.Note("settings", Overrides.Length == 0 ? "defaults" : string.Join(' ', Overrides));
        }
        finally
        {
            await broker.DisposeAsync();
        }

        Console.WriteLine($"wrote {results.Write()}");
    }

    /// <summary>What the JSON envelope of a call and its reply costs in CPU, both ends together (no broker).</summary>
    private static double CodecMicroseconds()
    {
        const int Rounds = 200_000;
        var ping = GrainInterfaceRegistry.Get(typeof(IPingGrain)).Methods.Single(static m => m.Method.Name == nameof(IPingGrain.Ping)).RequestType;
        var target = new GrainId(GrainInterfaceRegistry.GrainTypeName(typeof(IPingGrain)), "p1");
        var done = Task.FromResult(1);
        var started = 0L;
        for (var i = -Rounds / 10; i < Rounds; i++)
        {
            if (i == 0)
            {
                started = Stopwatch.GetTimestamp();
            }

            var request = (GrainRequest)Activator.CreateInstance(ping)!;
            var call = GrainMessageCodec.DecodeCall(GrainMessageCodec.EncodeCall("m-1", target, request));
            GrainMessageCodec.CompleteFromReply(request, GrainMessageCodec.EncodeReply(call.MessageId, call.Request, done));
        }

        return Stopwatch.GetElapsedTime(started).TotalMicroseconds / Rounds;
    }

    private static async Task<(long Calls, int Errors)> Load(IPingGrain[] grains, int callers, TimeSpan window, List<double>? latencies)
    {
        var end = Stopwatch.GetTimestamp() + (long)(window.TotalSeconds * Stopwatch.Frequency);
        long calls = 0;
        var errors = 0;
        var perCaller = Enumerable.Range(0, callers).Select(_ => new List<double>()).ToArray();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            for (var i = c; Stopwatch.GetTimestamp() < end; i += callers)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await grains[i % grains.Length].Ping(1);
                    Interlocked.Increment(ref calls);
                    if (latencies is not null)
                    {
                        perCaller[c].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })));
        latencies?.AddRange(perCaller.SelectMany(static l => l));
        return (calls, errors);
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];

    private static async Task Until(Func<bool> condition, TimeSpan guard)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > guard)
            {
                throw new TimeoutException("the cluster did not settle");
            }

            await Task.Delay(5);
        }
    }

    // This benchmark's own assembly is the silo program (Program.cs hands SiloVerb to ProcessSilo); its errors are shown,
    // and when it cannot get ready, so is the broker's log (one run in about thirty found the broker unreachable).
    private static async Task<SiloProcess> StartSilo(RabbitMqServer broker, string siloId, string[] settings)
    {
        try
        {
            return await SiloProcess.Start(siloId, typeof(ClusterBenchmark).Assembly, SiloVerb, settings, Console.Error);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"{exception.Message}\nRabbitMQ's log:\n{broker.LogTail()}", exception);
        }
    }

    private static async Task<IHost> StartClient(string brokerUri, string name)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(Settings(brokerUri, name, "bench-client").Select(static s => s.Split('=', 2)).ToDictionary(static p => p[0], static p => (string?)p[1]));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Reroute:Cluster:ClientOnly"] = "true" });
        builder.Services.AddGrainRuntime(builder.Configuration, static runtime => runtime.AddGrainAssembly<BenchSilo>());
        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<ClusterTransport>().WhenConnected().WaitAsync(TimeSpan.FromSeconds(30));
        return host;
    }

    private static string[] Settings(string brokerUri, string name, string siloId) =>
    [
        "Reroute:Storage:Provider=Memory",
        "Reroute:Cluster:Mode=RabbitMQ",
        $"Reroute:Cluster:BrokerUri={brokerUri}",
        $"Reroute:Cluster:Name={name}",
        $"Reroute:Cluster:SiloId={siloId}",
        $"Reroute:Cluster:Partitions={Partitions}",
        "Reroute:Runtime:CallTimeout=00:01:00",
        .. Overrides,
    ];

    private static string[] Overrides { get; set; } = [];
}
