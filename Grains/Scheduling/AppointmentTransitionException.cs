using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>An appointment status change that FHIR's appointment lifecycle does not allow; nothing was changed.</summary>
public sealed class AppointmentTransitionException(string appointmentId, AppointmentStatus from, AppointmentStatus to)
    : InvalidOperationException($"Appointment {appointmentId} cannot go from '{AppointmentTransitions.Name(from)}' to '{AppointmentTransitions.Name(to)}'.")
{
    /// <summary>The status the appointment has, and keeps.</summary>
    public AppointmentStatus From { get; } = from;

    /// <summary>The status that was refused.</summary>
    public AppointmentStatus To { get; } = to;
}
