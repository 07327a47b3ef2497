using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Reroute.Grains.Routing.Simulation;
using Reroute.Interfaces.Routing;
using Reroute.Silo.Api;
using Reroute.Silo.Security;
using Reroute.SiloTesting;

namespace Reroute.Benchmarks.Routing;

/// <summary>
/// The routing API end to end: the real silo on Kestrel on a free loopback port (SQLite state, so every decision is
/// written to its tenant's log), the simulated region's nodes registered and heartbeating through the API, and many
/// concurrent HttpClient callers posting <c>/api/inference/route</c> for a fixed window.
/// </summary>
internal static class RoutingHttpBenchmark
{
    private const int Callers = 64;
    private const int Bodies = 4_096;
    private const int Seed = 11;
    private const int Cells = 12;

    public static async Task RunAsync(BenchResults results, bool quick)
    {
        var data = Path.Combine(Path.GetTempPath(), "reroute-bench-http-" + Guid.NewGuid().ToString("N"));
        // Heartbeats are sent once, up front; the run must not outlive them.
        await using var silo = await TestSilo.StartAsync(configure: b => b.Logging.ClearProviders(), dataDirectory: data, args: ["--Reroute:Routing:HeartbeatTimeout=01:00:00"]);
        try
        {
            var options = new SimulationOptions { Cells = Cells, Seed = Seed };
            await Setup(silo, options);
            var bodies = RequestBodies(silo, options);

            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Callers, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
            using var client = new HttpClient(handler) { BaseAddress = silo.Address };
            await Drive(client, bodies, TimeSpan.FromSeconds(quick ? 1 : 2));
            var (count, failures, latencies, elapsed) = await Drive(client, bodies, TimeSpan.FromSeconds(quick ? 2 : 5));

            latencies.Sort();
            var toMs = 1e3 / Stopwatch.Frequency;
            results.Add("http_requests_per_second", count / elapsed.TotalSeconds, "requests/s", $"POST /api/inference/route, {Callers} concurrent callers, real Kestrel");
            results.Add("http_p50_ms", latencies[latencies.Count / 2] * toMs, "ms", "HTTP route latency p50 (client side, loopback)");
            results.Add("http_p99_ms", latencies[(int)(latencies.Count * 0.99)] * toMs, "ms", "HTTP route latency p99");
            results.Add("http_failures", failures, "responses", "non-200 responses in the window (must be 0)");
        }
        finally
        {
            TryDelete(data);
        }
    }

    private static async Task Setup(TestSilo silo, SimulationOptions options)
    {
        var agent = silo.Token("bench-agent", "edge-operator", Roles.MecNode);
        foreach (var node in TraceReplay.Topology(options))
        {
            var profile = new MecNodeProfile
            {
                Tier = node.Tier,
                Region = node.Region,
                Cell = node.Cell,
                RttMs = node.RttMs,
                Capacity = node.Capacity,
                SpeedFactor = node.SpeedFactor,
                HasGpu = node.HasGpu,
                MemoryGb = node.MemoryGb,
                CostPer1kTokens = node.CostPer1kTokens,
                HostedModels = node.HostedModels,
                CertifiedPrivacy = node.CertifiedPrivacy,
                ComplianceTags = node.ComplianceTags,
                Tenants = node.Tenants,
            };
            await Expect(silo.Client, HttpMethod.Post, $"/api/mec/nodes/{node.NodeId}", agent, profile);
            await Expect(silo.Client, HttpMethod.Post, $"/api/mec/nodes/{node.NodeId}/heartbeat", agent, new MecNodeHeartbeat { WarmModels = node.WarmModels });
        }

        foreach (var policy in options.Tenants)
        {
            var admin = silo.Token("bench-admin", policy.TenantId, Roles.Admin);
            await Expect(silo.Client, HttpMethod.Put, "/api/routing/policy", admin, new RoutingPolicyBody
            {
                PhiApprovedTiers = policy.PhiApprovedTiers,
                PhiApprovedNodes = policy.PhiApprovedNodes,
                AllowedRegions = policy.AllowedRegions,
                RequiredComplianceTags = policy.RequiredComplianceTags,
            });
        }
    }

    // Requests shaped like the decision benchmark's, each with its tenant's token, serialized once.
    private static (string Token, string Json)[] RequestBodies(TestSilo silo, SimulationOptions options)
    {
        var random = new Random(Seed);
        var tokens = options.Tenants.Select(t => silo.Token("bench-app", t.TenantId, Roles.EhrIntegration)).ToArray();
        string[] models = ["code-1b", "code-7b", "code-34b"];
        var region = TraceReplay.Topology(options)[0].Region;
        var bodies = new (string, string)[Bodies];
        for (var i = 0; i < Bodies; i++)
        {
            var privacy = (PrivacyLevel)random.Next(3);
            var body = new RouteRequestBody
            {
                RequestId = "h" + i.ToString(CultureInfo.InvariantCulture),
                Modality = "text",
                InputTokens = 1 + random.Next(7_000),
                ExpectedOutputTokens = 1 + random.Next(200),
                RequiredModel = models[random.Next(models.Length)],
                LatencySlaMs = 200 + random.Next(10_000),
                Privacy = privacy.ToString().ToLowerInvariant(),
                ComplianceTags = privacy == PrivacyLevel.Phi ? ["hipaa"] : [],
                Region = region,
                Cell = "cell-" + random.Next(Cells).ToString(CultureInfo.InvariantCulture),
                Network = new NetworkConditions { RttMs = 5 + random.Next(20), BandwidthMbps = 20 + random.Next(100) },
            };
            bodies[i] = (tokens[random.Next(tokens.Length)], JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
        }

        return bodies;
    }

    private static async Task<(long Count, long Failures, List<long> Latencies, TimeSpan Elapsed)> Drive(HttpClient client, (string Token, string Json)[] bodies, TimeSpan window)
    {
        var watch = Stopwatch.StartNew();
        var perCaller = await Task.WhenAll(Enumerable.Range(0, Callers).Select(async caller =>
        {
            var latencies = new List<long>();
            long failures = 0;
            for (var i = caller; watch.Elapsed < window; i += Callers)
            {
                var (token, json) = bodies[i % bodies.Length];
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/inference/route")
                {
                    Content = new StringContent(json, Encoding.UTF8, "application/json"),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                var start = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request);
                await response.Content.LoadIntoBufferAsync();
                latencies.Add(Stopwatch.GetTimestamp() - start);
                if (!response.IsSuccessStatusCode)
                {
                    failures++;
                }
            }

            return (latencies, failures);
        }));
        var elapsed = watch.Elapsed;
        var all = perCaller.SelectMany(c => c.latencies).ToList();
        return (all.Count, perCaller.Sum(c => c.failures), all, elapsed);
    }

    private static async Task Expect<T>(HttpClient client, HttpMethod method, string path, string token, T body)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; the figures are what matter.
        }
    }
}
