using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>What a provider directory grain stores: the clinics whose shards hold its listings.</summary>
public sealed record ProviderDirectoryState
{
    /// <summary>The clinics that have a <see cref="IClinicDirectoryGrain"/> shard, in the order they were first seen.</summary>
    public IReadOnlyList<string> Clinics { get; init; } = [];

    /// <summary>
    /// Listings stored in this record by versions before the directory was sharded by clinic; moved into the shards on
    /// the first activation and then empty.
    /// </summary>
    public IReadOnlyList<ProviderListing> Providers { get; init; } = [];
}
