using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Scheduling;

/// <summary>Where one affected appointment is in its workflow.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AffectedAppointmentStatus>))]
public enum AffectedAppointmentStatus
{
    /// <summary>Found by trigger detection; not planned yet.</summary>
    [JsonStringEnumMemberName("detected")]
    Detected,

    /// <summary>Waiting for a head of department.</summary>
    [JsonStringEnumMemberName("escalated")]
    Escalated,

    /// <summary>A slot is held and offered to the patient.</summary>
    [JsonStringEnumMemberName("offered")]
    Offered,

    /// <summary>Moved to the accepted slot (final).</summary>
    [JsonStringEnumMemberName("rebooked")]
    Rebooked,

    /// <summary>No acceptable slot: the patient is on the waitlist (final).</summary>
    [JsonStringEnumMemberName("waitlisted")]
    Waitlisted,

    /// <summary>Cancelled by a head of department or with the workflow (final).</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}
