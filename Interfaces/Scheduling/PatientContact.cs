namespace Reroute.Interfaces.Scheduling;

/// <summary>
/// How to reach a patient about their appointments. Every field is PHI: it goes into outbound messages and nowhere else
/// (never into logs, reasons or audit entries).
/// </summary>
public sealed record PatientContact
{
    /// <summary>The channel the patient chose; <see cref="NotificationChannel.Outbox"/> leaves messages for the clinic to relay.</summary>
    public NotificationChannel PreferredChannel { get; init; } = NotificationChannel.Outbox;

    /// <summary>The name to greet the patient by.</summary>
    public string DisplayName { get; init; } = string.Empty;

    /// <summary>The email address; required when the preferred channel is email.</summary>
    public string? Email { get; init; }

    /// <summary>The phone number in E.164 form (+15551234567); required for SMS and IVR.</summary>
    public string? Phone { get; init; }
}
