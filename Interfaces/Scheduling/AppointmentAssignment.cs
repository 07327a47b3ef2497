namespace Reroute.Interfaces.Scheduling;

/// <summary>Where one affected appointment goes, and what to offer next if the patient says no.</summary>
public sealed record AppointmentAssignment
{
    /// <summary>The affected appointment.</summary>
    public required string AppointmentId { get; init; }

    /// <summary>The slot assigned; null when no feasible slot was left (the appointment goes to the waitlist).</summary>
    public ScoredCandidate? Assigned { get; init; }

    /// <summary>The other feasible candidates, best first; availability is re-checked when one is offered.</summary>
    public IReadOnlyList<ScoredCandidate> Alternatives { get; init; } = [];
}
