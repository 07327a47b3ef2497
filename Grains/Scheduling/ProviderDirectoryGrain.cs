using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>
/// A tenant's provider directory: who works where, in which discipline. The listings are stored in one
/// <see cref="IClinicDirectoryGrain"/> per clinic — one record of 27,000 listings is several megabytes, far over
/// DynamoDB's 400 KB item limit — and this grain, their only writer, keeps all of them in memory to answer questions.
/// </summary>
public sealed class ProviderDirectoryGrain([PersistentState("directory")] IPersistentState<ProviderDirectoryState> state) : Grain, IProviderDirectoryGrain
{
    private readonly Dictionary<string, ProviderListing> _listings = new(StringComparer.Ordinal);

    // Providers found in more than one shard (a crash between a move's two writes), with the clinics besides the one in
    // _listings: their next registration clears them out of those.
    private readonly Dictionary<string, HashSet<string>> _alsoListedAt = new(StringComparer.Ordinal);

    // Listings in provider id order, kept between writes: the planner asks on every plan, and sorting thousands of
    // listings per question was a good share of planning.
    private IReadOnlyList<ProviderListing>? _sorted;

    private IReadOnlyList<ProviderListing> Sorted => _sorted ??= Array.AsReadOnly([.. _listings.Values.OrderBy(static p => p.ProviderId, StringComparer.Ordinal)]);

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var shards = await Task.WhenAll(state.State.Clinics.Select(c => Shard(c).List()));
        foreach (var listing in shards.SelectMany(static s => s))
        {
            if (_listings.TryGetValue(listing.ProviderId, out var other))
            {
                _alsoListedAt.TryAdd(listing.ProviderId, new HashSet<string>(StringComparer.Ordinal));
                _alsoListedAt[listing.ProviderId].Add(other.ClinicId);
            }

            _listings[listing.ProviderId] = listing;
        }

        if (state.State.Providers.Count > 0)
        {
            await Save(state.State.Providers);
            await state.ReplaceAsync(state.State with { Providers = [] });
        }

        await base.OnActivateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task Register(ProviderListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return Save([listing]);
    }

    /// <inheritdoc />
    public Task RegisterMany(IReadOnlyList<ProviderListing> listings)
    {
        ArgumentNullException.ThrowIfNull(listings);
        foreach (var listing in listings)
        {
            ArgumentNullException.ThrowIfNull(listing);
        }

        return Save(listings);
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

    private async Task Save(IEnumerable<ProviderListing> listings)
    {
        // The last listing of a provider wins, as it would one call at a time.
        var changed = new Dictionary<string, ProviderListing>(StringComparer.Ordinal);
        foreach (var listing in listings)
        {
            changed[listing.ProviderId] = listing;
        }

        foreach (var listing in changed.Values.Where(l => _listings.TryGetValue(l.ProviderId, out var known) && known == l && !_alsoListedAt.ContainsKey(l.ProviderId)).ToList())
        {
            changed.Remove(listing.ProviderId);
        }

        if (changed.Count == 0)
        {
            return;
        }

        // The clinic goes on the list before its shard is written: a crash in between leaves an empty shard listed,
        // never listings in a shard nobody reads.
        var known = state.State.Clinics.ToHashSet(StringComparer.Ordinal);
        var added = changed.Values.Select(static l => l.ClinicId).Where(known.Add).ToList();
        if (added.Count > 0)
        {
            await state.ReplaceAsync(state.State with { Clinics = [.. state.State.Clinics, .. added] });
        }

        // A provider who moved is written to the new clinic before leaving the old one: a crash in between lists them
        // twice until the next upsert rather than nowhere.
        await Task.WhenAll(changed.Values.GroupBy(static l => l.ClinicId, StringComparer.Ordinal)
            .Select(g => Shard(g.Key).Update([.. g], [])));
        await Task.WhenAll(changed.Values
            .SelectMany(l => FormerClinics(l.ProviderId).Where(c => c != l.ClinicId).Select(c => (Clinic: c, l.ProviderId)))
            .GroupBy(static m => m.Clinic, StringComparer.Ordinal)
            .Select(g => Shard(g.Key).Update([], [.. g.Select(static m => m.ProviderId)])));

        foreach (var listing in changed.Values)
        {
            _listings[listing.ProviderId] = listing;
            _alsoListedAt.Remove(listing.ProviderId);
        }

        _sorted = null;
    }

    private IEnumerable<string> FormerClinics(string providerId)
    {
        if (_listings.TryGetValue(providerId, out var before))
        {
            yield return before.ClinicId;
        }

        foreach (var clinic in _alsoListedAt.GetValueOrDefault(providerId) ?? [])
        {
            yield return clinic;
        }
    }

    private IClinicDirectoryGrain Shard(string clinicId) => GrainFactory.GetGrain<IClinicDirectoryGrain>(SchedulingKeys.Of(GetPrimaryKeyString(), clinicId));
}
