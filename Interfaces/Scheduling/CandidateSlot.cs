namespace Reroute.Interfaces.Scheduling;

/// <summary>
/// One place an affected appointment could move to: a provider's open slot. Two candidates with the same provider
/// and start are the same slot, which only one appointment may take.
/// </summary>
public sealed record CandidateSlot
{
    /// <summary>The provider whose slot it is.</summary>
    public required string ProviderId { get; init; }

    /// <summary>When the slot starts.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>When the slot ends.</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>The clinic the visit would take place at.</summary>
    public required string ClinicId { get; init; }
}
