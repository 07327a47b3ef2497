using Reroute.Interfaces.Scheduling;

namespace Reroute.Client;

/// <summary>One appointment a workflow moves, and every audit entry about it.</summary>
public sealed record AppointmentTrail
{
    /// <summary>Where the appointment was, what was proposed and offered, and where it ended up.</summary>
    public required AffectedAppointment Appointment { get; init; }

    /// <summary>The appointment's audit entries, oldest first (e.g. appointment_affected … offer_sent, offer_accepted, booked).</summary>
    public IReadOnlyList<AuditEntry> Trail { get; init; } = [];
}
