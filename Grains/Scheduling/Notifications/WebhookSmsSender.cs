using Microsoft.Extensions.Options;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Notifications;

/// <summary>Sends text messages through the SMS webhook.</summary>
public sealed class WebhookSmsSender(HttpClient http, IOptions<NotificationOptions> options)
    : WebhookSender(http, options.Value.SmsWebhookUrl, options.Value.WebhookTimeout)
{
    /// <inheritdoc />
    public override NotificationChannel Channel => NotificationChannel.Sms;
}
