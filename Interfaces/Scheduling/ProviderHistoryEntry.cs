namespace Reroute.Interfaces.Scheduling;

/// <summary>The patient's past visits with one provider: the long-term memory behind continuity of care.</summary>
public sealed record ProviderHistoryEntry
{
    /// <summary>The provider seen.</summary>
    public required string ProviderId { get; init; }

    /// <summary>Completed visits with that provider.</summary>
    public required int Visits { get; init; }

    /// <summary>When the most recent of those visits took place.</summary>
    public required DateTimeOffset LastVisit { get; init; }
}
