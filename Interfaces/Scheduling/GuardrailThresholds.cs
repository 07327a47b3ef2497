namespace Reroute.Interfaces.Scheduling;

/// <summary>The limits the quality-assurance guardrails and the location filter check a proposal against.</summary>
public sealed record GuardrailThresholds
{
    /// <summary>The defaults.</summary>
    public static GuardrailThresholds Default { get; } = new();

    /// <summary>The farthest any patient is sent, in km, whatever they said they would travel.</summary>
    public double MaxDistanceKm { get; init; } = 50;

    /// <summary>The least notice a new slot may give the patient.</summary>
    public TimeSpan MinimumNotice { get; init; } = TimeSpan.FromHours(2);

    /// <summary>The longest a visit may be pushed back from its original start.</summary>
    public TimeSpan MaxRescheduleDelay { get; init; } = TimeSpan.FromDays(14);

    /// <summary>Below this continuity factor (0..1) a patient with a care history is flagged as losing continuity.</summary>
    public double MinContinuityScore { get; init; } = 0.25;

    /// <summary>Above this no-show rate (0..1) the booking is flagged as at risk.</summary>
    public double MaxNoShowRisk { get; init; } = 0.3;

    /// <summary>Appointments a patient must have had before the no-show rate is taken to mean anything.</summary>
    public int MinAppointmentsForNoShowRisk { get; init; } = 5;
}
