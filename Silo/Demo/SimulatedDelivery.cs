using Reroute.Grains.Scheduling.Notifications;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Silo.Demo;

/// <summary>
/// The demo's email, SMS and IVR channel: the simulated patient's inbox, phone or voice line takes the message, so the
/// outbox records it as sent and nothing leaves the machine, whatever SMTP host or webhooks the configuration names.
/// </summary>
internal sealed class SimulatedDelivery(NotificationChannel channel) : INotificationSender
{
    public NotificationChannel Channel { get; } = channel;

    public Task SendAsync(OutboundMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
}
