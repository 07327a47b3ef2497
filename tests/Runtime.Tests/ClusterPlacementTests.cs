using Reroute.Runtime.Cluster;

namespace Reroute.Runtime.Tests;

public sealed class ClusterPlacementTests
{
    [Fact]
    public void The_stable_hash_matches_values_computed_outside_dotnet()
    {
        // Golden values from an independent implementation (FNV-1a 64 + MurmurHash3 fmix64, in Python). If these
        // change, grains move partitions across a rolling upgrade.
        Assert.Equal(0x0F1DBA5F8E1AC94EUL, StableHash.Of("T001"));
        Assert.Equal(0xEFD01F60BA992926UL, StableHash.Of(string.Empty));
        Assert.Equal(12, new PartitionMap(64).PartitionOf(new GrainId("Reroute.Interfaces.Scheduling.IAppointmentGrain", "A-000001")));
        Assert.Equal(StableHash.Of(new string('é', 300)), StableHash.Of(new string('é', 300)));
    }

    [Fact]
    public void Grain_ids_spread_evenly_over_64_partitions()
    {
        var map = new PartitionMap(64);
        var counts = new int[64];
        for (var i = 0; i < 64_000; i++)
        {
            counts[map.PartitionOf(new GrainId("Reroute.Interfaces.Scheduling.IAppointmentGrain", $"A-{i:D6}"))]++;
        }

        Assert.All(counts, count => Assert.InRange(count, 800, 1200));
    }

    [Fact]
    public void Every_silo_agrees_on_one_owner_per_partition_and_shares_are_even()
    {
        string[] silos = ["silo-a:7001", "silo-b:7002", "silo-c:7003"];
        var owners = Enumerable.Range(0, 64).Select(p => RendezvousOwnership.OwnerOf(p, silos)).ToArray();

        Assert.Equal(owners, Enumerable.Range(0, 64).Select(p => RendezvousOwnership.OwnerOf(p, silos.Reverse().ToArray())));
        Assert.All(silos, silo => Assert.InRange(owners.Count(o => o == silo), 12, 31));
        Assert.Null(RendezvousOwnership.OwnerOf(0, []));
    }

    [Fact]
    public void A_silo_leaving_moves_only_its_own_partitions_and_a_silo_joining_takes_about_its_share()
    {
        string[] three = ["silo-a:7001", "silo-b:7002", "silo-c:7003"];
        string[] two = ["silo-a:7001", "silo-b:7002"];
        string[] four = [.. three, "silo-d:7004"];
        const int Partitions = 256;

        for (var p = 0; p < Partitions; p++)
        {
            var before = RendezvousOwnership.OwnerOf(p, three);
            if (before != "silo-c:7003")
            {
                Assert.Equal(before, RendezvousOwnership.OwnerOf(p, two));
            }
        }

        var moved = Enumerable.Range(0, Partitions).Count(p => RendezvousOwnership.OwnerOf(p, three) != RendezvousOwnership.OwnerOf(p, four));
        Assert.Equal(moved, RendezvousOwnership.PartitionsOf("silo-d:7004", Partitions, four).Count);
        Assert.InRange(moved, Partitions / 4 - 24, Partitions / 4 + 24);
    }
}
