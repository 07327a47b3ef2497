using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Reroute.Silo.Security;
using Reroute.Silo.Tests.Infrastructure;
using Reroute.TestServers;

namespace Reroute.Silo.Tests;

/// <summary>The silo in RabbitMQ cluster mode: readiness follows the broker connection.</summary>
public sealed class ClusterModeTests(RabbitMqServer broker, DynaliteServer dynalite) : IClassFixture<RabbitMqServer>, IClassFixture<DynaliteServer>
{
    // A cluster silo starts only with the keys every silo shares (see ClusterSecrets).
    private static readonly string[] SharedKeys =
    [
        $"--Reroute:Auth:SigningKeys:0={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
        $"--Reroute:Workflow:LinkSigningKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
    ];

    [Fact]
    public async Task With_its_broker_unreachable_the_silo_runs_but_is_not_ready_and_says_why()
    {
        var closedPort = Reroute.TestServers.ExternalProcess.FreePort();
        await using var silo = await TestSilo.StartAsync(args:
        [
            "--Reroute:Storage:Provider=Memory",
            "--Reroute:Cluster:Mode=RabbitMQ",
            $"--Reroute:Cluster:BrokerUri=amqp://guest:guest@127.0.0.1:{closedPort}/",
            .. SharedKeys,
        ]);

        using var health = await silo.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        await Eventually(async () =>
        {
            using var ready = await silo.GetAsync("/ready");
            var body = await ready.Content.ReadAsStringAsync();
            return ready.StatusCode == HttpStatusCode.ServiceUnavailable && body.Contains($"RabbitMQ at 127.0.0.1:{closedPort} unreachable", StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task On_a_real_broker_and_dynamodb_the_silo_turns_ready()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var storage = DynaliteTables.Args(dynalite, suffix);
        using var data = new TempDirectory();
        var init = await SiloCli.RunAsync(["init-dynamodb", $"--Reroute:Silo:DataDirectory={data.Path}", .. storage]);
        Assert.True(init.ExitCode == 0, init.Error);

        await using var silo = await TestSilo.StartAsync(dataDirectory: data.Path, args:
        [
            .. storage,
            "--Reroute:Cluster:Mode=RabbitMQ",
            $"--Reroute:Cluster:BrokerUri={broker.Uri}",
            .. SharedKeys,
            $"--Reroute:Cluster:Name=silo-{suffix}",
            "--Reroute:Cluster:Partitions=8",
        ]);

        await Eventually(async () =>
        {
            using var ready = await silo.GetAsync("/ready");
            return ready.StatusCode == HttpStatusCode.OK;
        });

        using var cluster = await silo.GetAsync("/api/cluster", silo.Token(Roles.Operator));
        Assert.Equal(HttpStatusCode.OK, cluster.StatusCode);
        var body = JsonDocument.Parse(await cluster.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("RabbitMQ", body.GetProperty("mode").GetString());
        Assert.True(body.GetProperty("connected").GetBoolean());
        var siloId = body.GetProperty("siloId").GetString();
        Assert.Equal([siloId], body.GetProperty("members").EnumerateArray().Select(static m => m.GetString()));
        Assert.Equal(Enumerable.Range(0, 8), body.GetProperty("ownedPartitions").EnumerateArray().Select(static p => p.GetInt32()));
    }

    [Fact]
    public async Task An_embedded_silo_says_so_and_the_cluster_view_is_for_operators_only()
    {
        await using var silo = await TestSilo.StartAsync();

        using var cluster = await silo.GetAsync("/api/cluster", silo.Token(Roles.Operator));
        var body = JsonDocument.Parse(await cluster.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Embedded", body.GetProperty("mode").GetString());
        Assert.Equal(0, body.GetProperty("members").GetArrayLength());
        using var scheduler = await silo.GetAsync("/api/cluster", silo.Token(Roles.Scheduler));
        await Problem.AssertAsync(scheduler, HttpStatusCode.Forbidden);
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var guard = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(guard.Elapsed < TimeSpan.FromSeconds(60), "the silo did not reach the expected state");
            await Task.Delay(20);
        }
    }
}
