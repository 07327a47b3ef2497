namespace Reroute.Runtime.Cluster;

/// <summary>This silo's view of the cluster at one moment, for operators.</summary>
/// <param name="Mode">Embedded or RabbitMQ.</param>
/// <param name="SiloId">This silo's id in the membership (null when embedded).</param>
/// <param name="Connected">Whether the broker connection is up (embedded: always true).</param>
/// <param name="Members">The live silos this silo knows of, itself included.</param>
/// <param name="Partitions">How many partitions the cluster has.</param>
/// <param name="OwnedPartitions">The partitions rendezvous hashing gives this silo.</param>
/// <param name="ActivePartitions">The owned partitions a delivery has shown this silo to be the active consumer of.</param>
/// <param name="PendingCalls">Calls sent to other silos and not answered yet.</param>
/// <param name="Sent">Calls and replies this silo has published, and in how many broker messages (batching under load).</param>
public sealed record ClusterSnapshot(
    ClusterMode Mode,
    string? SiloId,
    bool Connected,
    IReadOnlyList<string> Members,
    int Partitions,
    IReadOnlyList<int> OwnedPartitions,
    IReadOnlyList<int> ActivePartitions,
    int PendingCalls,
    ClusterTraffic Sent);
