namespace Reroute.Interfaces.Scheduling;

/// <summary>
/// The index of one patient's appointments (key <c>{tenant}/{patientId}</c>), kept by the appointment grains, so that
/// a patient's appointments can be found (FHIR Appointment search by patient) without scanning the tenant.
/// </summary>
public interface IPatientScheduleGrain : IGrainWithStringKey
{
    /// <summary>Records (or updates) an appointment of the patient; called by the appointment grain.</summary>
    Task TrackAppointment(ScheduledAppointment appointment);

    /// <summary>Removes an appointment from the index, when it moves to another patient.</summary>
    Task UntrackAppointment(string appointmentId);

    /// <summary>The patient's appointments overlapping [<paramref name="from"/>, <paramref name="to"/>), by start.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ScheduledAppointment>> GetAppointments(DateTimeOffset from, DateTimeOffset to);
}
