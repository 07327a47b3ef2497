namespace Reroute.Interfaces.Scheduling;

/// <summary>Why one provider's slot was not offered for one appointment. Reasons carry ids only, never PHI.</summary>
public sealed record FilterRejection
{
    /// <summary>The affected appointment.</summary>
    public required string AppointmentId { get; init; }

    /// <summary>The provider rejected.</summary>
    public required string ProviderId { get; init; }

    /// <summary>The slot rejected; null when the rejection covers all of the provider's slots.</summary>
    public DateTimeOffset? SlotStart { get; init; }

    /// <summary>The filter that failed.</summary>
    public required HardFilter Filter { get; init; }

    /// <summary>The filter's stable name (e.g. "license_status").</summary>
    public required string FilterName { get; init; }

    /// <summary>A human-readable reason.</summary>
    public required string Reason { get; init; }
}
