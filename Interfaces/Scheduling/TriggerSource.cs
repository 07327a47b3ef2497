using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Scheduling;

/// <summary>Where a rescheduling trigger came from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TriggerSource>))]
public enum TriggerSource
{
    /// <summary>An EHR integration.</summary>
    [JsonStringEnumMemberName("ehr")]
    Ehr,

    /// <summary>A calendar feed.</summary>
    [JsonStringEnumMemberName("calendar")]
    Calendar,

    /// <summary>A person in the admin portal.</summary>
    [JsonStringEnumMemberName("admin")]
    Admin,

    /// <summary>The patient app.</summary>
    [JsonStringEnumMemberName("patient_app")]
    PatientApp,
}
