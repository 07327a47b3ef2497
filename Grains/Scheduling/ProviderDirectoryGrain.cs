using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>A tenant's provider directory: who works where, in which discipline.</summary>
public sealed class ProviderDirectoryGrain([PersistentState("directory")] IPersistentState<ProviderDirectoryState> state) : Grain, IProviderDirectoryGrain
{
    // Every provider upsert asks whether its listing is already here; with tens of thousands of providers a list scan
    // per upsert would make loading a network quadratic. Rebuilt from the state after each write.
    private HashSet<ProviderListing>? _listed;

    // Listings in provider id order, kept between writes: the planner asks on every plan, and sorting thousands of
    // listings per question was a good share of planning.
    private IReadOnlyList<ProviderListing>? _sorted;

    private HashSet<ProviderListing> Listed => _listed ??= [.. state.State.Providers];

    private IReadOnlyList<ProviderListing> Sorted => _sorted ??= Array.AsReadOnly([.. state.State.Providers.OrderBy(static p => p.ProviderId, StringComparer.Ordinal)]);

    /// <inheritdoc />
    public async Task Register(ProviderListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        if (Listed.Contains(listing))
        {
            return;
        }

        _listed = null;
        _sorted = null;
        await state.ReplaceAsync(new ProviderDirectoryState
        {
            Providers = [.. state.State.Providers.Where(p => p.ProviderId != listing.ProviderId), listing],
        });
    }

    /// <inheritdoc />
    public async Task RegisterMany(IReadOnlyList<ProviderListing> listings)
    {
        ArgumentNullException.ThrowIfNull(listings);
        var incoming = new Dictionary<string, ProviderListing>(StringComparer.Ordinal);
        foreach (var listing in listings)
        {
            ArgumentNullException.ThrowIfNull(listing);
            incoming[listing.ProviderId] = listing;
        }

        if (incoming.Values.All(Listed.Contains))
        {
            return;
        }

        _listed = null;
        _sorted = null;
        await state.ReplaceAsync(new ProviderDirectoryState
        {
            Providers = [.. state.State.Providers.Where(p => !incoming.ContainsKey(p.ProviderId)), .. incoming.Values],
        });
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ProviderListing>> Find(string? clinicId, string? discipline)
    {
        IReadOnlyList<ProviderListing> found = clinicId is null && discipline is null
            ? Sorted
            : [.. Sorted
                .Where(p => clinicId is null || p.ClinicId == clinicId)
                .Where(p => discipline is null || string.Equals(p.Discipline, discipline, StringComparison.OrdinalIgnoreCase))];
        return Task.FromResult(found);
    }
}
