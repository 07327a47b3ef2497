namespace Reroute.Interfaces.Scheduling;

/// <summary>What the rescheduling decision needs to know about one patient.</summary>
public sealed record PatientProfile
{
    /// <summary>The patient's id (the grain key); the only patient identifier that appears in reasons and logs.</summary>
    public required string Id { get; init; }

    /// <summary>The state the patient lives in (two-letter code); providers need a license there.</summary>
    public required string State { get; init; }

    /// <summary>Where the patient travels from; distances are not checked when unknown.</summary>
    public GeoLocation? Home { get; init; }

    /// <summary>How to reach the patient; null when only the clinic can (messages stay in the outbox).</summary>
    public PatientContact? Contact { get; init; }

    /// <summary>The patient's stated preferences.</summary>
    public PatientPreferences Preferences { get; init; } = new();

    /// <summary>The payer covering the patient; null for self-pay.</summary>
    public string? CoveragePayerId { get; init; }

    /// <summary>The plan of care authorizing visits; null when the patient has none.</summary>
    public PlanOfCare? PlanOfCare { get; init; }

    /// <summary>Providers the patient has seen before.</summary>
    public IReadOnlyList<ProviderHistoryEntry> ProviderHistory { get; init; } = [];

    /// <summary>Appointments the patient missed without notice.</summary>
    public int NoShowCount { get; init; }

    /// <summary>All appointments the patient has had scheduled, the denominator of the no-show rate.</summary>
    public int TotalAppointments { get; init; }
}
