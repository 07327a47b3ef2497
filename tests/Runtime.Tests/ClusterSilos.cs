using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Reroute.Runtime.Cluster;
using Reroute.Runtime.Core;
using Reroute.Runtime.Hosting;
using Reroute.Runtime.Persistence.DynamoDb;
using Reroute.Runtime.Testing;
using Reroute.TestServers;

namespace Reroute.Runtime.Tests;

/// <summary>Several in-process silos in RabbitMQ mode on one broker and one manual clock, as one cluster.</summary>
internal sealed class ClusterSilos(string brokerUri, DynamoDbOptions? dynamoDb = null) : IAsyncDisposable
{
    public const int Partitions = 16;
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan FailureTimeout = TimeSpan.FromSeconds(4);

    private readonly List<TestSilo> _silos = [];

    public string Name { get; } = "test-" + Guid.NewGuid().ToString("N")[..10];

    public ManualTimeProvider Time { get; } = new();

    public IReadOnlyList<TestSilo> All => _silos;

    public Action<TestSiloOptions>? Configure { get; init; }

    public async Task<TestSilo> Start(string siloId, int deliveryLimit = 5)
    {
        // Silos of a cluster share one store: DynamoDB (here dynalite) when state matters, else memory.
        var options = Silos.Options(dynamoDb is null ? "Memory" : "DynamoDb");
        options.Time = Time;
        if (dynamoDb is not null)
        {
            options.Configuration["Reroute:Storage:DynamoDb:ServiceUrl"] = dynamoDb.ServiceUrl;
            options.Configuration["Reroute:Storage:DynamoDb:AccessKey"] = dynamoDb.AccessKey;
            options.Configuration["Reroute:Storage:DynamoDb:SecretKey"] = dynamoDb.SecretKey;
            options.Configuration["Reroute:Storage:DynamoDb:StateTable"] = dynamoDb.StateTable;
            options.Configuration["Reroute:Storage:DynamoDb:RemindersTable"] = dynamoDb.RemindersTable;
        }

        options.Configuration["Reroute:Cluster:Mode"] = "RabbitMQ";
        options.Configuration["Reroute:Cluster:BrokerUri"] = brokerUri;
        options.Configuration["Reroute:Cluster:Name"] = Name;
        options.Configuration["Reroute:Cluster:SiloId"] = siloId;
        options.Configuration["Reroute:Cluster:Partitions"] = Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture);
        options.Configuration["Reroute:Cluster:HeartbeatInterval"] = Heartbeat.ToString();
        options.Configuration["Reroute:Cluster:FailureTimeout"] = FailureTimeout.ToString();
        options.Configuration["Reroute:Cluster:DeliveryLimit"] = deliveryLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        options.Configuration["Reroute:Runtime:CallTimeout"] = "00:10:00";
        Configure?.Invoke(options);
        var silo = await TestSilo.StartAsync(options);
        _silos.Add(silo);
        await Transport(silo).WhenConnected().WaitAsync(TimeSpan.FromSeconds(30));
        return silo;
    }

    /// <summary>A cluster client (no member, calls only) of this cluster, on the system clock.</summary>
    public Task<ClusterClient> Client() => ClusterClient.ConnectAsync(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Reroute:Cluster:BrokerUri"] = brokerUri,
        ["Reroute:Cluster:Name"] = Name,
        ["Reroute:Cluster:Partitions"] = Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }).Build());

    public static ClusterTransport Transport(TestSilo silo) => silo.Services.GetRequiredService<ClusterTransport>();

    public static GrainRuntime Runtime(TestSilo silo) => silo.Services.GetRequiredService<GrainRuntime>();

    public static SiloStatus Status(TestSilo silo) => silo.Services.GetRequiredService<SiloStatus>();

    /// <summary>Waits until <paramref name="silos"/> all see exactly each other and own every partition between them, once each.</summary>
    public static Task Converged(params TestSilo[] silos)
    {
        var ids = silos.Select(s => Transport(s).SiloId).Order(StringComparer.Ordinal).ToArray();
        return Eventually($"silos {string.Join(", ", ids)} agree on membership and ownership", () =>
            silos.All(s => Transport(s).Membership.Live.SequenceEqual(ids) && Status(s).IsReady)
            && silos.Sum(s => Transport(s).OwnedPartitions.Count) == Partitions
            && silos.SelectMany(s => Transport(s).OwnedPartitions).Distinct().Count() == Partitions);
    }

    /// <summary>The silos (of <paramref name="silos"/>) holding a live activation of <paramref name="grainId"/>.</summary>
    public static List<TestSilo> Hosting(GrainId grainId, params TestSilo[] silos)
        => [.. silos.Where(s => Runtime(s).Catalog.Activations().Any(a => a.GrainId == grainId && a.IsLive))];

    /// <summary>
    /// Moves the shared clock one heartbeat interval at a time, each step waiting until every survivor has heard every
    /// other survivor's heartbeat of that step — so only silos that really stopped miss heartbeats, however slow the machine.
    /// </summary>
    public async Task Beat(int steps, params TestSilo[] survivors)
    {
        for (var i = 0; i < steps; i++)
        {
            Time.Advance(Heartbeat);
            var now = Time.GetUtcNow();
            await Eventually("heartbeats of this step heard", () => survivors.All(s => survivors.Where(o => o != s).All(o =>
                Transport(s).Membership.LastHeard(Transport(o).SiloId) is { } heard && heard >= now)));
        }
    }

    /// <summary>Waits for a condition that the cluster reaches by itself (messages travelling); fails after a generous guard.</summary>
    public static async Task Eventually(string what, Func<bool> condition)
    {
        var guard = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            // Only a guard against hanging forever: a broker restarting on a loaded 2-core CI machine can take a minute.
            if (guard.Elapsed > TimeSpan.FromSeconds(180))
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Fresh DynamoDB tables on <paramref name="dynalite"/> for one test's cluster.</summary>
    public static async Task<DynamoDbOptions> Tables(DynaliteServer dynalite)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var options = new DynamoDbOptions
        {
            ServiceUrl = dynalite.ServiceUrl,
            AccessKey = "test",
            SecretKey = "test",
            StateTable = "state-" + suffix,
            RemindersTable = "reminders-" + suffix,
        };
        await DynamoDbTables.EnsureCreatedAsync(DynamoDbClientFactory.Create(options), options, TimeProvider.System, CancellationToken.None);
        return options;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
    }
}
