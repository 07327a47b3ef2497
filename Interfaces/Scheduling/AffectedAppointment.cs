namespace Reroute.Interfaces.Scheduling;

/// <summary>One appointment a workflow moves: where it was, what was proposed and offered, and where it ended up.</summary>
public sealed record AffectedAppointment
{
    /// <summary>The appointment.</summary>
    public required string AppointmentId { get; init; }

    /// <summary>Its patient.</summary>
    public required string PatientId { get; init; }

    /// <summary>The discipline of the visit.</summary>
    public required string Discipline { get; init; }

    /// <summary>Where and when the visit was booked before the trigger.</summary>
    public required CandidateSlot Original { get; init; }

    /// <summary>Rescheduling priority from trigger detection; higher is served first.</summary>
    public double Priority { get; init; }

    /// <summary>Where the appointment is in the workflow.</summary>
    public AffectedAppointmentStatus Status { get; init; } = AffectedAppointmentStatus.Detected;

    /// <summary>The slot currently proposed or offered; null when none.</summary>
    public ScoredCandidate? Proposal { get; init; }

    /// <summary>Ranked alternatives still to try, best first.</summary>
    public IReadOnlyList<ScoredCandidate> Alternatives { get; init; } = [];

    /// <summary>How many candidate slots each hard filter rejected, by filter name.</summary>
    public IReadOnlyDictionary<string, int> Rejections { get; init; } = new Dictionary<string, int>();

    /// <summary>Risk findings carried with the current proposal (flag and proceed).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Every offer made for this appointment, oldest first.</summary>
    public IReadOnlyList<string> OfferIds { get; init; } = [];

    /// <summary>How many times the planner was asked again after a proposal was rejected back to it.</summary>
    public int Replans { get; init; }

    /// <summary>The open escalation case, if any.</summary>
    public string? EscalationId { get; init; }

    /// <summary>Where the appointment is booked now, once rebooked.</summary>
    public CandidateSlot? Final { get; init; }
}
