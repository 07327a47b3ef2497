using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Scheduling;

/// <summary>The six weighted factors of a candidate's score.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScoringFactor>))]
public enum ScoringFactor
{
    /// <summary>Continuity of care.</summary>
    [JsonStringEnumMemberName("continuity")]
    Continuity,

    /// <summary>Specialty match.</summary>
    [JsonStringEnumMemberName("specialty_match")]
    SpecialtyMatch,

    /// <summary>Patient preference.</summary>
    [JsonStringEnumMemberName("patient_preference")]
    PatientPreference,

    /// <summary>Load balance.</summary>
    [JsonStringEnumMemberName("load_balance")]
    LoadBalance,

    /// <summary>Experience.</summary>
    [JsonStringEnumMemberName("experience")]
    Experience,

    /// <summary>Day and time.</summary>
    [JsonStringEnumMemberName("day_time")]
    DayTime,
}
