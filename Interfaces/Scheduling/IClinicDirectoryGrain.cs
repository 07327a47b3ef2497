namespace Reroute.Interfaces.Scheduling;

/// <summary>
/// The listings of one clinic's providers (key: <c>{tenant}/{clinic}</c>): the stored shard of a tenant's provider
/// directory. Sharding by clinic keeps every record small enough for DynamoDB's 400 KB item limit at tens of thousands
/// of providers; only <see cref="IProviderDirectoryGrain"/> writes to it.
/// </summary>
public interface IClinicDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces the given listings, all of this clinic, and removes the providers named, with one write.</summary>
    Task Update(IReadOnlyList<ProviderListing> upserts, IReadOnlyList<string> removals);

    /// <summary>Every listing of this clinic, in no particular order.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ProviderListing>> List();
}
