namespace Reroute.Interfaces.Scheduling;

/// <summary>What a patient asked for; an empty or null preference means "no preference", which every provider meets.</summary>
public sealed record PatientPreferences
{
    /// <summary>The provider gender the patient prefers, if any.</summary>
    public AdministrativeGender? PreferredGender { get; init; }

    /// <summary>Days of the week the patient prefers.</summary>
    public IReadOnlyList<DayOfWeek> PreferredDays { get; init; } = [];

    /// <summary>Parts of the day the patient prefers.</summary>
    public IReadOnlyList<TimeOfDayWindow> PreferredTimes { get; init; } = [];

    /// <summary>The farthest the patient will travel to a clinic, in km; the tenant's limit applies when unset.</summary>
    public double? MaxTravelDistanceKm { get; init; }

    /// <summary>The language the patient wants to be treated in (e.g. "es"), if any.</summary>
    public string? Language { get; init; }
}
