using System.Net.Http.Json;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Notifications;

/// <summary>
/// Posts a message as JSON to a configured HTTP webhook (an SMS or voice gateway); any answer outside 2xx is a refusal.
/// </summary>
public abstract class WebhookSender(HttpClient http, string webhookUrl, TimeSpan timeout) : INotificationSender
{
    /// <inheritdoc />
    public abstract NotificationChannel Channel { get; }

    /// <inheritdoc />
    public async Task SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (webhookUrl.Length == 0)
        {
            throw new NotificationDeliveryException($"No webhook is configured for {Channel}.");
        }

        if (string.IsNullOrWhiteSpace(message.Recipient))
        {
            throw new NotificationDeliveryException("The message has no recipient.");
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var payload = new WebhookPayload(message.MessageId, message.Tenant, Channel.ToString(), message.Recipient, message.Body);
        using var response = await http.PostAsJsonAsync(new Uri(webhookUrl), payload, limit.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new NotificationDeliveryException($"The {Channel} webhook answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
    }

    // What the gateway receives; the message id lets it drop a retried post.
    private sealed record WebhookPayload(string MessageId, string Tenant, string Channel, string To, string Body);
}
