namespace Reroute.Interfaces.Scheduling;

/// <summary>What a workflow achieved, in the counts a clinic manager asks for.</summary>
public sealed record WorkflowSummary
{
    /// <summary>Affected appointments found.</summary>
    public int AppointmentsProcessed { get; init; }

    /// <summary>Rebooked with the patient's consent.</summary>
    public int SuccessfullyReassigned { get; init; }

    /// <summary>Put on the waitlist.</summary>
    public int Waitlisted { get; init; }

    /// <summary>Escalated to a head of department at least once.</summary>
    public int EscalatedToHod { get; init; }

    /// <summary>Freed slots filled from the waitlist.</summary>
    public int Backfilled { get; init; }

    /// <summary>Offers declined.</summary>
    public int Declined { get; init; }

    /// <summary>Offers that expired unanswered.</summary>
    public int Expired { get; init; }

    /// <summary>Appointments cancelled.</summary>
    public int Cancelled { get; init; }

    /// <summary>Appointments not yet in a final state.</summary>
    public int Open { get; init; }
}
