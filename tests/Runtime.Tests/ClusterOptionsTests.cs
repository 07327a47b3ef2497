using Microsoft.Extensions.Options;
using Reroute.Runtime.Cluster;

namespace Reroute.Runtime.Tests;

/// <summary><c>Reroute:Cluster</c> is checked at start-up; embedded mode stays the default and needs no broker.</summary>
public sealed class ClusterOptionsTests
{
    [Fact]
    public async Task Embedded_is_the_default_and_starts_without_any_broker()
    {
        await using var silo = await Silos.Start();
        Assert.Equal(ClusterMode.Embedded, ((IOptions<ClusterOptions>)silo.Services.GetService(typeof(IOptions<ClusterOptions>))!).Value.Mode);
        Assert.True(ClusterSilos.Status(silo).IsReady);
        Assert.Null(ClusterSilos.Runtime(silo).Cluster);
        Assert.Equal(1, await silo.GrainFactory.GetGrain<Grains.ICounterGrain>(Silos.Key()).Increment());
    }

    [Theory]
    [InlineData("Mode", "Kafka", "Reroute:Cluster:Mode")]
    [InlineData("BrokerUri", "http://rabbit:5672/", "Reroute:Cluster:BrokerUri must be an amqp:// or amqps:// URI")]
    [InlineData("Partitions", "0", "Reroute:Cluster:Partitions must be between 1 and 4096 (was 0)")]
    [InlineData("FailureTimeout", "00:00:01", "Reroute:Cluster:FailureTimeout (00:00:01) must be at least three HeartbeatIntervals")]
    [InlineData("DeliveryLimit", "0", "Reroute:Cluster:DeliveryLimit must be between 1 and 1000 (was 0)")]
    [InlineData("Name", "has space", "Reroute:Cluster:Name must be 1–64 letters")]
    [InlineData("Heartbeat", "00:00:01", "Heartbeat")]
    public async Task A_bad_cluster_setting_stops_start_up_naming_the_key(string key, string value, string expected)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Silos.Start(configure: o =>
        {
            o.Configuration["Reroute:Cluster:Mode"] = "RabbitMQ";
            o.Configuration["Reroute:Cluster:BrokerUri"] = "amqp://guest:guest@127.0.0.1:1/";
            o.Configuration[$"Reroute:Cluster:{key}"] = value;
        }));

        Assert.True(error is OptionsValidationException or InvalidOperationException, error.ToString());
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }
}
