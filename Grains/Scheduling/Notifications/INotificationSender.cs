using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Notifications;

/// <summary>Delivers messages of one channel; the seam between the outbox and SMTP or a webhook.</summary>
public interface INotificationSender
{
    /// <summary>The channel the sender delivers.</summary>
    NotificationChannel Channel { get; }

    /// <summary>
    /// Delivers the message; returns when the channel accepted it. A refusal throws <see cref="NotificationDeliveryException"/>
    /// with the channel's reason; a network failure throws as the network does.
    /// </summary>
    Task SendAsync(OutboundMessage message, CancellationToken cancellationToken);
}
