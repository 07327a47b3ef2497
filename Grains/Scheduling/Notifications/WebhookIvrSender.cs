using Microsoft.Extensions.Options;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Notifications;

/// <summary>Places automated voice calls through the IVR webhook.</summary>
public sealed class WebhookIvrSender(HttpClient http, IOptions<NotificationOptions> options)
    : WebhookSender(http, options.Value.IvrWebhookUrl, options.Value.WebhookTimeout)
{
    /// <inheritdoc />
    public override NotificationChannel Channel => NotificationChannel.Ivr;
}
