using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Scheduling;

/// <summary>The state of one freed slot offered to the waitlist.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BackfillStatus>))]
public enum BackfillStatus
{
    /// <summary>Offered to a waitlisted patient.</summary>
    [JsonStringEnumMemberName("offered")]
    Offered,

    /// <summary>A waitlisted patient took it (final).</summary>
    [JsonStringEnumMemberName("filled")]
    Filled,

    /// <summary>No eligible waitlisted patient accepted it (final).</summary>
    [JsonStringEnumMemberName("exhausted")]
    Exhausted,

    /// <summary>Withdrawn with the workflow (final).</summary>
    [JsonStringEnumMemberName("withdrawn")]
    Withdrawn,
}
