namespace Reroute.Interfaces.Scheduling;

/// <summary>
/// One message to one patient, identified by a caller-chosen message id (the idempotency key of the send), with its
/// delivery status as the tenant's outbox last recorded it.
/// </summary>
public sealed record OutboundMessage
{
    /// <summary>The message's id, unique within the tenant.</summary>
    public required string MessageId { get; init; }

    /// <summary>The tenant the message belongs to.</summary>
    public required string Tenant { get; init; }

    /// <summary>The patient the message is for.</summary>
    public required string PatientId { get; init; }

    /// <summary>How the message is delivered.</summary>
    public NotificationChannel Channel { get; init; } = NotificationChannel.Outbox;

    /// <summary>The channel's address: an email address or a phone number; empty for the outbox channel.</summary>
    public string Recipient { get; init; } = string.Empty;

    /// <summary>The subject line; used by email only.</summary>
    public string Subject { get; init; } = string.Empty;

    /// <summary>The text of the message.</summary>
    public required string Body { get; init; }

    /// <summary>When the outbox first stored the message; set by the outbox.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The delivery status; set by the outbox.</summary>
    public DeliveryStatus Status { get; init; } = DeliveryStatus.Pending;

    /// <summary>How many times delivery was tried.</summary>
    public int Attempts { get; init; }

    /// <summary>Why the last attempt failed; null when it did not.</summary>
    public string? LastError { get; init; }
}
