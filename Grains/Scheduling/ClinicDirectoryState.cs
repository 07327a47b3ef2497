using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>What a clinic directory grain stores.</summary>
public sealed record ClinicDirectoryState
{
    /// <summary>One listing per provider of the clinic.</summary>
    public IReadOnlyList<ProviderListing> Providers { get; init; } = [];
}
