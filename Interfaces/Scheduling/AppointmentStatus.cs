using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Scheduling;

/// <summary>The status of an appointment, with the values and spellings of FHIR R4 Appointment.status.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AppointmentStatus>))]
public enum AppointmentStatus
{
    /// <summary>Some or all participants have not finalised their acceptance.</summary>
    [JsonStringEnumMemberName("proposed")]
    Proposed,

    /// <summary>Some participants have not yet confirmed.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,

    /// <summary>All participants have confirmed.</summary>
    [JsonStringEnumMemberName("booked")]
    Booked,

    /// <summary>The patient has arrived.</summary>
    [JsonStringEnumMemberName("arrived")]
    Arrived,

    /// <summary>The appointment took place.</summary>
    [JsonStringEnumMemberName("fulfilled")]
    Fulfilled,

    /// <summary>The appointment was cancelled.</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,

    /// <summary>The patient did not come.</summary>
    [JsonStringEnumMemberName("noshow")]
    NoShow,

    /// <summary>Recorded in error.</summary>
    [JsonStringEnumMemberName("entered-in-error")]
    EnteredInError,

    /// <summary>The patient has checked in.</summary>
    [JsonStringEnumMemberName("checked-in")]
    CheckedIn,

    /// <summary>On a waitlist for a slot.</summary>
    [JsonStringEnumMemberName("waitlist")]
    Waitlist,
}
