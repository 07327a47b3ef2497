namespace Reroute.Interfaces.Scheduling;

/// <summary>One tenant's list of providers (key: the tenant), so that providers can be found by clinic and discipline.</summary>
public interface IProviderDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Adds or updates a provider's listing; called by the provider grain on every upsert.</summary>
    Task Register(ProviderListing listing);

    /// <summary>
    /// Adds or updates many listings with one write. A bulk load registers its providers this way first, so that each
    /// provider's own upsert finds its listing in place instead of rewriting the whole directory once per provider.
    /// </summary>
    Task RegisterMany(IReadOnlyList<ProviderListing> listings);

    /// <summary>Providers at <paramref name="clinicId"/> in <paramref name="discipline"/> (null matches any), by id.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ProviderListing>> Find(string? clinicId, string? discipline);
}
