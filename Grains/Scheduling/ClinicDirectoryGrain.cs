using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>One clinic's share of a tenant's provider directory.</summary>
public sealed class ClinicDirectoryGrain([PersistentState("clinic-directory")] IPersistentState<ClinicDirectoryState> state) : Grain, IClinicDirectoryGrain
{
    /// <inheritdoc />
    public async Task Update(IReadOnlyList<ProviderListing> upserts, IReadOnlyList<string> removals)
    {
        ArgumentNullException.ThrowIfNull(upserts);
        ArgumentNullException.ThrowIfNull(removals);
        var clinic = SchedulingKeys.IdOf(GetPrimaryKeyString());
        var byId = state.State.Providers.ToDictionary(static p => p.ProviderId, StringComparer.Ordinal);
        var changed = false;
        foreach (var id in removals)
        {
            changed |= byId.Remove(id);
        }

        foreach (var listing in upserts)
        {
            ArgumentNullException.ThrowIfNull(listing);
            if (!string.Equals(listing.ClinicId, clinic, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Provider {listing.ProviderId} is listed at clinic {listing.ClinicId}, not {clinic}.", nameof(upserts));
            }

            if (!byId.TryGetValue(listing.ProviderId, out var existing) || existing != listing)
            {
                byId[listing.ProviderId] = listing;
                changed = true;
            }
        }

        if (changed)
        {
            await state.ReplaceAsync(new ClinicDirectoryState { Providers = [.. byId.Values] });
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ProviderListing>> List() => Task.FromResult(state.State.Providers);
}
