namespace Reroute.Interfaces.Scheduling;

/// <summary>The body of <c>POST /api/appointments/{id}/status</c>: the new FHIR status and why.</summary>
public sealed record AppointmentStatusRequest
{
    /// <summary>The status to move to.</summary>
    public required AppointmentStatus Status { get; init; }

    /// <summary>Why (kept in the appointment's history).</summary>
    public required string Reason { get; init; }
}
