namespace Reroute.Interfaces.Scheduling;

/// <summary>The shape constants of the scoring factors (how fast credit saturates or decays), kept with the weights.</summary>
public sealed record ScoringCalibration
{
    /// <summary>The defaults.</summary>
    public static ScoringCalibration Default { get; } = new();

    /// <summary>Continuity credit for any provider the patient has seen, however few visits.</summary>
    public double ContinuityFloor { get; init; } = 0.5;

    /// <summary>Visits at which familiarity reaches half of the credit above the floor.</summary>
    public double ContinuityHalfSaturationVisits { get; init; } = 3;

    /// <summary>Days after which continuity credit from a past provider has halved.</summary>
    public double ContinuityHalfLifeDays { get; init; } = 180;

    /// <summary>Continuity credit for a provider at the clinic the patient already attends.</summary>
    public double SameClinicContinuity { get; init; } = 0.25;

    /// <summary>Years of practice at which experience credit reaches one half.</summary>
    public double ExperienceHalfLifeYears { get; init; } = 4;

    /// <summary>Hours outside a preferred time window after which time-of-day credit has halved.</summary>
    public double TimeOfDayHalfLifeHours { get; init; } = 1;
}
