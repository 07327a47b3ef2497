using Reroute.Runtime.Cluster;
using Reroute.Runtime.Persistence.DynamoDb;
using Reroute.Runtime.Testing;
using Reroute.Runtime.Tests.Grains;
using Reroute.TestServers;
using Xunit.Abstractions;

namespace Reroute.Runtime.Tests;

/// <summary>Cluster mode with separate silo processes on a real RabbitMQ and dynalite: a silo killed with kill -9 and one joining.</summary>
public sealed class ClusterProcessTests(RabbitMqServer broker, DynaliteServer dynalite, ITestOutputHelper output) : IClassFixture<RabbitMqServer>, IClassFixture<DynaliteServer>
{
    private const int Partitions = 16;
    private const int Steps = 10;
    private static readonly string WorkflowType = GrainInterfaceRegistry.GrainTypeName(typeof(IWorkflowProbeGrain));
    private static readonly string ReminderType = GrainInterfaceRegistry.GrainTypeName(typeof(IReminderProbeGrain));

    [Fact]
    public async Task A_silo_killed_mid_flight_loses_no_workflow_and_books_nothing_twice_and_a_joining_silo_takes_its_share()
    {
        var tables = await ClusterSilos.Tables(dynalite);
        var name = "proc-" + Guid.NewGuid().ToString("N")[..10];
        var a = await StartSilo("silo-a", Settings(name, "silo-a", tables));
        await using var _a = a;
        var b = await StartSilo("silo-b", Settings(name, "silo-b", tables));
        await using var _b = b;
        var c = await StartSilo("silo-c", Settings(name, "silo-c", tables));
        await using var _c = c;
        await OwnershipSettled(a, b, c);

        var clientOptions = Silos.Options("DynamoDb");
        foreach (var setting in Settings(name, "client-" + Guid.NewGuid().ToString("N")[..6], tables))
        {
            var split = setting.IndexOf('=', StringComparison.Ordinal);
            clientOptions.Configuration[setting[..split]] = setting[(split + 1)..];
        }

        clientOptions.Configuration["Reroute:Cluster:ClientOnly"] = "true";
        await using var client = await TestSilo.StartAsync(clientOptions);
        await ClusterSilos.Transport(client).WhenConnected().WaitAsync(TimeSpan.FromSeconds(30));

        var keys = Enumerable.Range(0, 200).Select(i => $"wf-{i:D3}-{Guid.NewGuid().ToString("N")[..6]}").ToList();
        var runs = keys.Select(k => client.GrainFactory.GetGrain<IWorkflowProbeGrain>(k).Run(Steps)).ToList();
        await ClusterSilos.Eventually("a first workflow completed", () => runs.Any(static r => r.IsCompleted));

        var map = new PartitionMap(Partitions);
        var onVictim = keys.Where((k, i) => !runs[i].IsCompleted
            && RendezvousOwnership.OwnerOf(map.PartitionOf(new GrainId(WorkflowType, k)), ["silo-a", "silo-b", "silo-c"]) == "silo-c").ToList();

        // A reminder of a grain on the silo about to die, due after its death.
        var reminded = Enumerable.Range(0, 1000).Select(i => $"reminded-{i}-{Guid.NewGuid().ToString("N")[..6]}")
            .First(k => RendezvousOwnership.OwnerOf(map.PartitionOf(new GrainId(ReminderType, k)), ["silo-a", "silo-b", "silo-c"]) == "silo-c");
        await client.GrainFactory.GetGrain<IReminderProbeGrain>(reminded).Arm(TimeSpan.FromSeconds(4), TimeSpan.FromMinutes(5));
        c.Kill();

        var results = await Task.WhenAll(runs).WaitAsync(TimeSpan.FromMinutes(3));
        Assert.All(results, steps => Assert.Equal(Steps, steps));
        Assert.NotEmpty(onVictim);
        await OwnershipSettled(a, b);

        // Every step of every workflow booked exactly once, whatever was redelivered.
        var ledgers = await Task.WhenAll(keys.Select(k => client.GrainFactory.GetGrain<IBookingProbeGrain>(k).Ledger()));
        Assert.All(ledgers, ledger => Assert.Equal(Enumerable.Range(0, Steps), ledger.Booked));
        output.WriteLine($"{onVictim.Count} workflows in flight on the killed silo; {ledgers.Sum(static l => l.Attempts) - ledgers.Sum(static l => l.Booked.Count)} bookings attempted again after redelivery");

        // The reminder fired once, on the survivor that now owns its grain.
        var heir = RendezvousOwnership.OwnerOf(map.PartitionOf(new GrainId(ReminderType, reminded)), ["silo-a", "silo-b"]);
        var probe = client.GrainFactory.GetGrain<IReminderProbeGrain>(reminded);
        IReadOnlyList<string> firings = [];
        await ClusterSilos.Eventually("the reminder fired after the failover", () => (firings = probe.Firings().GetAwaiter().GetResult()).Count > 0);
        Assert.Equal([heir!], firings);

        var d = await StartSilo("silo-d", Settings(name, "silo-d", tables));
        await using var _d = d;
        await OwnershipSettled(a, b, d);
        var more = Enumerable.Range(0, 40).Select(i => $"wf-late-{i:D2}-{Guid.NewGuid().ToString("N")[..6]}").ToList();
        Assert.All(await Task.WhenAll(more.Select(k => client.GrainFactory.GetGrain<IWorkflowProbeGrain>(k).Run(Steps))).WaitAsync(TimeSpan.FromMinutes(2)),
            steps => Assert.Equal(Steps, steps));
        var again = await Task.WhenAll(keys.Concat(more).Select(k => client.GrainFactory.GetGrain<IBookingProbeGrain>(k).Ledger()));
        Assert.All(again, ledger => Assert.Equal(Enumerable.Range(0, Steps), ledger.Booked));
        Assert.Equal([heir!], await probe.Firings());
    }

    private static Task<SiloProcess> StartSilo(string siloId, IEnumerable<string> settings)
        => SiloProcess.Start(siloId, typeof(ClusterSiloProgram).Assembly, ClusterSiloProgram.Verb, settings);

    private static Task OwnershipSettled(params SiloProcess[] silos)
    {
        var ids = silos.Select(s => s.SiloId).ToArray();
        return ClusterSilos.Eventually($"{string.Join(", ", ids)} own their rendezvous share", () =>
            silos.All(s => s.Owned == RendezvousOwnership.PartitionsOf(s.SiloId, Partitions, ids).Count));
    }

    private List<string> Settings(string cluster, string siloId, DynamoDbOptions tables) =>
    [
        "Reroute:Cluster:Mode=RabbitMQ",
        $"Reroute:Cluster:BrokerUri={BrokerUri}",
        $"Reroute:Cluster:Name={cluster}",
        $"Reroute:Cluster:SiloId={siloId}",
        $"Reroute:Cluster:Partitions={Partitions}",
        "Reroute:Cluster:HeartbeatInterval=00:00:00.200",
        "Reroute:Cluster:FailureTimeout=00:00:01",
        "Reroute:Runtime:CallTimeout=00:05:00",
        "Reroute:Storage:Provider=DynamoDb",
        $"Reroute:Storage:DynamoDb:ServiceUrl={tables.ServiceUrl}",
        $"Reroute:Storage:DynamoDb:AccessKey={tables.AccessKey}",
        $"Reroute:Storage:DynamoDb:SecretKey={tables.SecretKey}",
        $"Reroute:Storage:DynamoDb:StateTable={tables.StateTable}",
        $"Reroute:Storage:DynamoDb:RemindersTable={tables.RemindersTable}",
    ];

    private string BrokerUri => broker.Uri;
}
