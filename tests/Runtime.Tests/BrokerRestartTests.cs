using Reroute.Runtime.Tests.Grains;
using Reroute.TestServers;

namespace Reroute.Runtime.Tests;

/// <summary>A RabbitMQ restart under a running cluster: its own broker, since the test stops it.</summary>
public sealed class BrokerRestartTests(RabbitMqServer broker) : IClassFixture<RabbitMqServer>
{
    [Fact]
    public async Task After_a_broker_restart_the_silos_reconnect_and_calls_made_meanwhile_complete_exactly_once()
    {
        await using var cluster = new ClusterSilos(broker.Uri);
        var a = await cluster.Start("silo-a");
        var b = await cluster.Start("silo-b");
        await ClusterSilos.Converged(a, b);
        var keys = Enumerable.Range(0, 8).Select(i => Silos.Key($"restart{i}")).ToList();
        await Task.WhenAll(keys.SelectMany(key => new[] { a, b }.Select(s => s.GrainFactory.GetGrain<ICounterGrain>(key).Increment())));

        await broker.RestartAsync();
        await ClusterSilos.Eventually("both silos noticed", () => !ClusterSilos.Status(a).IsReady && !ClusterSilos.Status(b).IsReady);

        // Calls made while the broker is away wait for it (their call timeout is long) instead of failing.
        var meanwhile = keys.SelectMany(key => new[] { a, b }.Select(s => s.GrainFactory.GetGrain<ICounterGrain>(key).Increment())).ToList();

        await ClusterSilos.Eventually("both silos reconnected", () =>
        {
            if (ClusterSilos.Transport(a).IsConnected && ClusterSilos.Transport(b).IsConnected)
            {
                return true;
            }

            // The reconnection backoff runs on the silos' clock.
            cluster.Time.Advance(TimeSpan.FromMilliseconds(500));
            return false;
        });
        await ClusterSilos.Converged(a, b);
        await Task.WhenAll(meanwhile).WaitAsync(TimeSpan.FromSeconds(60));

        // Two increments before the restart and two during it, each counted once; the grains still answer afterwards.
        foreach (var key in keys)
        {
            Assert.Equal(new CounterReport(4, 0), await a.GrainFactory.GetGrain<ICounterGrain>(key).Report());
            Assert.Equal(5, await b.GrainFactory.GetGrain<ICounterGrain>(key).Increment());
        }
    }
}
