namespace Reroute.Interfaces.Scheduling;

/// <summary>A slot that passed the hard filters for an appointment, with its score.</summary>
public sealed record ScoredCandidate
{
    /// <summary>The appointment the slot is for.</summary>
    public required string AppointmentId { get; init; }

    /// <summary>The slot.</summary>
    public required CandidateSlot Slot { get; init; }

    /// <summary>The score and its breakdown.</summary>
    public required CandidateScore Score { get; init; }
}
