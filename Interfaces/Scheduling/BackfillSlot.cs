namespace Reroute.Interfaces.Scheduling;

/// <summary>A slot freed by the workflow and offered to the waitlist, one patient at a time.</summary>
public sealed record BackfillSlot
{
    /// <summary>The backfill's id within the workflow.</summary>
    public required string BackfillId { get; init; }

    /// <summary>The freed slot.</summary>
    public required CandidateSlot Slot { get; init; }

    /// <summary>The discipline the slot serves.</summary>
    public required string Discipline { get; init; }

    /// <summary>Where the backfill stands.</summary>
    public BackfillStatus Status { get; init; } = BackfillStatus.Offered;

    /// <summary>The offer open now.</summary>
    public string? CurrentOfferId { get; init; }

    /// <summary>Waitlisted patients already offered this slot, in order.</summary>
    public IReadOnlyList<string> TriedPatientIds { get; init; } = [];

    /// <summary>The appointment booked into the slot, once filled.</summary>
    public string? AppointmentId { get; init; }
}
