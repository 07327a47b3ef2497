using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Scheduling;

/// <summary>Gender as FHIR R4 records it (AdministrativeGender), for providers and for patients' preferences.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AdministrativeGender>))]
public enum AdministrativeGender
{
    /// <summary>Not known.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,

    /// <summary>Female.</summary>
    [JsonStringEnumMemberName("female")]
    Female,

    /// <summary>Male.</summary>
    [JsonStringEnumMemberName("male")]
    Male,

    /// <summary>Other.</summary>
    [JsonStringEnumMemberName("other")]
    Other,
}
