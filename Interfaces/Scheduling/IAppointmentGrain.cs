namespace Reroute.Interfaces.Scheduling;

/// <summary>
/// One appointment of one tenant (key <c>{tenant}/{appointmentId}</c>) with its FHIR status and the history of every
/// status change. Keeps its provider's schedule index up to date.
/// </summary>
public interface IAppointmentGrain : IGrainWithStringKey
{
    /// <summary>The appointment and its history; null when unknown.</summary>
    [ReadOnly]
    Task<AppointmentRecord?> Get();

    /// <summary>
    /// Creates or replaces the appointment. A changed status must be a legal transition and is recorded in the history;
    /// an invalid appointment or an illegal transition is refused and nothing changes.
    /// </summary>
    Task<AppointmentRecord> Upsert(Appointment appointment);

    /// <summary>Moves the appointment to <paramref name="to"/>; the same status again is a no-op, an illegal transition is refused.</summary>
    Task<AppointmentRecord> ChangeStatus(AppointmentStatus to, string reason);

    /// <summary>
    /// Moves the appointment to another provider, clinic or time and books it there, recording the move in its history.
    /// Moving it again to the same place is a no-op; an appointment that cannot be booked any more is refused.
    /// </summary>
    Task<AppointmentRecord> Reschedule(AppointmentMove move);
}
