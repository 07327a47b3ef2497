namespace Reroute.Runtime.Cluster;

/// <summary>Which of the cluster's partitions a grain belongs to: a stable hash of its id, modulo the partition count.</summary>
public sealed class PartitionMap
{
    /// <summary>Creates a map over <paramref name="partitions"/> partitions.</summary>
    public PartitionMap(int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        Partitions = partitions;
    }

    /// <summary>How many partitions the cluster has.</summary>
    public int Partitions { get; }

    /// <summary>The partition of <paramref name="grainId"/>.</summary>
    public int PartitionOf(GrainId grainId) => (int)(StableHash.Of(grainId.ToString()) % (ulong)Partitions);
}
