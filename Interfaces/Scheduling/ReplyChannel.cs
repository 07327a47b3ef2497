using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Scheduling;

/// <summary>How a patient's answer arrived.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReplyChannel>))]
public enum ReplyChannel
{
    /// <summary>A signed link in an email or the outbox.</summary>
    [JsonStringEnumMemberName("link")]
    Link,

    /// <summary>A text reply.</summary>
    [JsonStringEnumMemberName("sms")]
    Sms,

    /// <summary>A digit pressed during an automated call.</summary>
    [JsonStringEnumMemberName("ivr")]
    Ivr,

    /// <summary>An integration (e.g. the patient app) with the offer's token.</summary>
    [JsonStringEnumMemberName("api")]
    Api,
}
