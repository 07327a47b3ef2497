namespace Reroute.Interfaces.Scheduling;

/// <summary>One entry of an appointment's history: when its status changed, from what, to what, and why.</summary>
public sealed record AppointmentStatusChange
{
    /// <summary>When the change was recorded.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The previous status; null for the creation of the appointment.</summary>
    public AppointmentStatus? From { get; init; }

    /// <summary>The new status.</summary>
    public required AppointmentStatus To { get; init; }

    /// <summary>Why the status changed (e.g. "created", "provider_unavailable").</summary>
    public required string Reason { get; init; }
}
