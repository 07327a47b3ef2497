using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Reroute.Runtime.Cluster;

/// <summary>Reads this silo's view of the cluster (membership, partitions owned, connection) for operators.</summary>
public sealed class ClusterStatus(IOptions<ClusterOptions> options, IServiceProvider services)
{
    /// <summary>The view now.</summary>
    public ClusterSnapshot Snapshot()
    {
        if (!options.Value.UsesRabbitMq)
        {
            return new ClusterSnapshot(ClusterMode.Embedded, null, true, [], 1, [], [], 0, ClusterTraffic.None);
        }

        var transport = services.GetRequiredService<ClusterTransport>();
        return new ClusterSnapshot(
            ClusterMode.RabbitMQ,
            transport.SiloId,
            transport.IsConnected,
            transport.Membership.Live,
            options.Value.Partitions,
            transport.OwnedPartitions,
            transport.ActivePartitions,
            transport.PendingCalls,
            transport.Traffic);
    }
}
