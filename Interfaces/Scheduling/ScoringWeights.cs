namespace Reroute.Interfaces.Scheduling;

/// <summary>How much each scoring factor counts; a candidate's score is Σ weight × factor (each factor 0..1).</summary>
public sealed record ScoringWeights
{
    /// <summary>The design's defaults: continuity 40, specialty match 35, patient preference 30, load balance 25, experience 20, day/time 10.</summary>
    public static ScoringWeights Default { get; } = new();

    /// <summary>Weight of continuity of care (has the patient seen this provider?).</summary>
    public double Continuity { get; init; } = 40;

    /// <summary>Weight of how well the provider's specialties fit the treatment.</summary>
    public double SpecialtyMatch { get; init; } = 35;

    /// <summary>Weight of the patient's stated preferences (gender, language, travel).</summary>
    public double PatientPreference { get; init; } = 30;

    /// <summary>Weight of spreading work to providers with room on that day.</summary>
    public double LoadBalance { get; init; } = 25;

    /// <summary>Weight of the provider's experience.</summary>
    public double Experience { get; init; } = 20;

    /// <summary>Weight of the slot's day of week and time of day against the patient's preference.</summary>
    public double DayTime { get; init; } = 10;
}
