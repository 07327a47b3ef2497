using Reroute.Runtime.Tests.Grains;
using Reroute.TestServers;

namespace Reroute.Runtime.Tests;

/// <summary>A RabbitMQ restart under a running cluster: its own broker, since the test stops it.</summary>
public sealed class BrokerRestartTests(RabbitMqServer broker) : IClassFixture<RabbitMqServer>
{
    // This used to fail about one run in three: the broker was killed within a second of the silos declaring their
    // partition queues, and RabbitMQ 3.10 brought the newest one back without a leader (see PersistenceWindow), so calls
    // to it never completed. The silos also never subscribed again to a partition whose consume had timed out meanwhile;
    // they now do (ClusterTransportTests, A_partition_whose_consumer_the_broker_drops_...).
    [Fact]
    public async Task After_a_broker_restart_the_silos_reconnect_and_calls_made_meanwhile_complete_exactly_once()
    {
        // The test moves the shared clock while the silos reconnect at their own pace; a long failure timeout keeps that
        // from being taken for a death (which is not what this test is about).
        await using var cluster = new ClusterSilos(broker.Uri)
        {
            Configure = static o =>
            {
                o.Configuration["Reroute:Cluster:FailureTimeout"] = "00:02:00";
                o.Configuration["Reroute:Cluster:ReconnectMaximumDelay"] = "00:00:02";
            },
        };
        var a = await cluster.Start("silo-a");
        var b = await cluster.Start("silo-b");
        await ClusterSilos.Converged(a, b);
        var keys = Enumerable.Range(0, 8).Select(i => Silos.Key($"restart{i}")).ToList();
        await Task.WhenAll(keys.SelectMany(key => new[] { a, b }.Select(s => s.GrainFactory.GetGrain<ICounterGrain>(key).Increment())));

        // The silos declared the partition queues a moment ago: the broker must have saved them before it is killed (see
        // PersistenceWindow; the broker's own clock, which the test cannot move).
        await Task.Delay(RabbitMqServer.PersistenceWindow);
        await broker.RestartAsync();
        await ClusterSilos.Eventually("both silos noticed", () => !ClusterSilos.Status(a).IsReady && !ClusterSilos.Status(b).IsReady);

        // Calls made while the broker is away wait for it (their call timeout is long) instead of failing.
        var meanwhile = keys.SelectMany(key => new[] { a, b }.Select(s => s.GrainFactory.GetGrain<ICounterGrain>(key).Increment())).ToList();

        // Reconnection backoff and publish retries run on the silos' clock: it moves while the test waits.
        await ClusterSilos.Eventually("both silos reconnected and the calls made meanwhile completed", () =>
        {
            if (ClusterSilos.Transport(a).IsConnected && ClusterSilos.Transport(b).IsConnected && meanwhile.All(static c => c.IsCompleted))
            {
                return true;
            }

            cluster.Time.Advance(TimeSpan.FromMilliseconds(100));
            return false;
        });
        await ClusterSilos.Converged(a, b);
        await Task.WhenAll(meanwhile);

        // Two increments before the restart and two during it, each counted once; the grains still answer afterwards.
        foreach (var key in keys)
        {
            Assert.Equal(new CounterReport(4, 0), await a.GrainFactory.GetGrain<ICounterGrain>(key).Report());
            Assert.Equal(5, await b.GrainFactory.GetGrain<ICounterGrain>(key).Increment());
        }
    }
}
