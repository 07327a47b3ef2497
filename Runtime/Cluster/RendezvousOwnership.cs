namespace Reroute.Runtime.Cluster;

/// <summary>
/// Decides which live silo owns each partition by rendezvous (highest-random-weight) hashing: every silo computes the
/// same answer from the same membership, with no coordination, and when a silo joins or leaves only the partitions it
/// gains or loses move — about 1/n of them — so a hand-over disturbs as little as possible.
/// </summary>
public static class RendezvousOwnership
{
    /// <summary>The owner of <paramref name="partition"/> among <paramref name="silos"/>, or null when there are none.</summary>
    public static string? OwnerOf(int partition, IReadOnlyCollection<string> silos)
    {
        ArgumentNullException.ThrowIfNull(silos);
        string? owner = null;
        var best = 0UL;
        var partitionHash = StableHash.Of("partition:" + partition.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var silo in silos)
        {
            var weight = StableHash.Combine(StableHash.Of(silo), partitionHash);

            // Ties (practically impossible) go to the smaller silo id so every silo still agrees.
            if (owner is null || weight > best || (weight == best && string.CompareOrdinal(silo, owner) < 0))
            {
                owner = silo;
                best = weight;
            }
        }

        return owner;
    }

    /// <summary>The partitions, of <paramref name="partitions"/>, that <paramref name="silo"/> owns.</summary>
    public static IReadOnlyList<int> PartitionsOf(string silo, int partitions, IReadOnlyCollection<string> silos)
        => [.. Enumerable.Range(0, partitions).Where(p => OwnerOf(p, silos) == silo)];
}
