using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Scheduling;

/// <summary>How an outbound message reaches the patient; <see cref="Outbox"/> keeps it in the tenant's outbox only.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NotificationChannel>))]
public enum NotificationChannel
{
    /// <summary>Stored in the outbox for the clinic to collect; nothing is sent.</summary>
    Outbox,

    /// <summary>Sent by SMTP to an email address.</summary>
    Email,

    /// <summary>Sent as a text message through the SMS webhook.</summary>
    Sms,

    /// <summary>Placed as an automated voice call through the IVR webhook.</summary>
    Ivr,
}
