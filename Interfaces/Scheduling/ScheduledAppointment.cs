namespace Reroute.Interfaces.Scheduling;

/// <summary>An entry of a provider's schedule index: enough to find the appointments a period of unavailability affects.</summary>
public sealed record ScheduledAppointment
{
    /// <summary>The appointment's id.</summary>
    public required string AppointmentId { get; init; }

    /// <summary>When the visit starts.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>When the visit ends.</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>The appointment's current status.</summary>
    public required AppointmentStatus Status { get; init; }
}
