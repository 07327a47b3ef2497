using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>What a patient schedule grain stores: the patient's appointments.</summary>
public sealed record PatientScheduleState
{
    /// <summary>The patient's appointments, one entry per appointment id.</summary>
    public IReadOnlyList<ScheduledAppointment> Appointments { get; init; } = [];
}
