using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>A tenant's provider directory: who works where, in which discipline.</summary>
public sealed class ProviderDirectoryGrain([PersistentState("directory")] IPersistentState<ProviderDirectoryState> state) : Grain, IProviderDirectoryGrain
{
    /// <inheritdoc />
    public async Task Register(ProviderListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        if (state.State.Providers.Contains(listing))
        {
            return;
        }

        await state.ReplaceAsync(new ProviderDirectoryState
        {
            Providers = [.. state.State.Providers.Where(p => p.ProviderId != listing.ProviderId), listing],
        });
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ProviderListing>> Find(string? clinicId, string? discipline)
    {
        IReadOnlyList<ProviderListing> found = [.. state.State.Providers
            .Where(p => clinicId is null || p.ClinicId == clinicId)
            .Where(p => discipline is null || string.Equals(p.Discipline, discipline, StringComparison.OrdinalIgnoreCase))
            .OrderBy(static p => p.ProviderId, StringComparer.Ordinal)];
        return Task.FromResult(found);
    }
}
