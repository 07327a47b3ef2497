using System.Globalization;

namespace Reroute.Runtime.Cluster;

/// <summary>The names of a cluster's queues and exchanges on the broker, all under the cluster's name.</summary>
public static class ClusterTopology
{
    /// <summary>The quorum queue of <paramref name="partition"/>.</summary>
    public static string PartitionQueue(string cluster, int partition) => $"{cluster}.partition.{partition.ToString("D4", CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The arguments every partition queue is declared with: a quorum queue with a single active consumer, poison requests
    /// dead-lettered after <paramref name="deliveryLimit"/> deliveries. A declaration with other arguments is refused.
    /// </summary>
    public static Dictionary<string, object?> PartitionQueueArguments(string cluster, int deliveryLimit) => new()
    {
        ["x-queue-type"] = "quorum",
        ["x-single-active-consumer"] = true,
        ["x-delivery-limit"] = deliveryLimit,
        ["x-dead-letter-exchange"] = DeadLetterExchange(cluster),
    };

    /// <summary>The fanout exchange silos send heartbeats to.</summary>
    public static string MembershipExchange(string cluster) => $"{cluster}.membership";

    /// <summary>The fanout exchange stream items travel on to every silo.</summary>
    public static string StreamExchange(string cluster) => $"{cluster}.streams";

    /// <summary>The exchange malformed and poison requests are dead-lettered to.</summary>
    public static string DeadLetterExchange(string cluster) => $"{cluster}.dead-letter";

    /// <summary>The queue that keeps dead-lettered requests for an operator.</summary>
    public static string DeadLetterQueue(string cluster) => $"{cluster}.dead-letter";

    /// <summary>The reply queue of one silo (or cluster client) process.</summary>
    public static string ReplyQueue(string cluster, string silo) => $"{cluster}.reply.{silo}";

    /// <summary>Header on a dead-lettered request saying why it was dead-lettered.</summary>
    public const string ReasonHeader = "x-reroute-reason";

    /// <summary>Header on a dead-lettered request naming the partition queue it came from.</summary>
    public const string QueueHeader = "x-reroute-queue";

    /// <summary>The header a quorum queue sets on a redelivered message: how often it was delivered before.</summary>
    public const string DeliveryCountHeader = "x-delivery-count";
}
