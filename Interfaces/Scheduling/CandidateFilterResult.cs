namespace Reroute.Interfaces.Scheduling;

/// <summary>The outcome of filtering every provider's slots for one appointment: what passed and every rejection.</summary>
public sealed record CandidateFilterResult
{
    /// <summary>The appointment filtered for.</summary>
    public required string AppointmentId { get; init; }

    /// <summary>Slots that passed all eight filters.</summary>
    public IReadOnlyList<CandidateSlot> Accepted { get; init; } = [];

    /// <summary>Every rejection, with the filter that failed.</summary>
    public IReadOnlyList<FilterRejection> Rejections { get; init; } = [];
}
