namespace Reroute.Interfaces.Scheduling;

/// <summary>An appointment as the appointment grain keeps it: the appointment and every status change it went through.</summary>
public sealed record AppointmentRecord
{
    /// <summary>The appointment as it is now.</summary>
    public required Appointment Appointment { get; init; }

    /// <summary>Status changes, oldest first; the first entry is the creation (no previous status).</summary>
    public IReadOnlyList<AppointmentStatusChange> History { get; init; } = [];
}
