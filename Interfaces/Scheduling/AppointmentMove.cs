namespace Reroute.Interfaces.Scheduling;

/// <summary>Where a rescheduled appointment goes.</summary>
public sealed record AppointmentMove
{
    /// <summary>The new provider.</summary>
    public required string ProviderId { get; init; }

    /// <summary>The new clinic.</summary>
    public required string ClinicId { get; init; }

    /// <summary>The new start.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>The new end.</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>Why (recorded in the appointment's history, e.g. "rescheduled:wf-1").</summary>
    public required string Reason { get; init; }
}
