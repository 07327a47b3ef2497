using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>What a provider directory grain stores.</summary>
public sealed record ProviderDirectoryState
{
    /// <summary>One listing per provider.</summary>
    public IReadOnlyList<ProviderListing> Providers { get; init; } = [];
}
