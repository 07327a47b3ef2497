using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Notifications;

/// <summary>
/// Stores a message in its tenant's outbox, then delivers it through the sender of its channel and records Sent or
/// Failed. Logs carry message ids and channels only: addresses and bodies are PHI.
/// </summary>
public sealed partial class NotificationDispatcher(
    IGrainFactory grains,
    IEnumerable<INotificationSender> senders,
    ILogger<NotificationDispatcher> logger)
{
    private readonly IReadOnlyList<INotificationSender> _senders = [.. senders];

    /// <summary>
    /// Enqueues and delivers the message. A message already sent, or one for the outbox channel, is not sent again; a
    /// failed one is retried. Returns the message as the outbox recorded it.
    /// </summary>
    public async Task<OutboundMessage> DispatchAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var outbox = grains.GetGrain<IOutboxGrain>(SchedulingKeys.Of(message.Tenant, message.PatientId));
        var stored = await outbox.Enqueue(message);
        if (stored.Status == DeliveryStatus.Sent || stored.Channel == NotificationChannel.Outbox)
        {
            return stored;
        }

        var sender = _senders.FirstOrDefault(s => s.Channel == stored.Channel);
        if (sender is null)
        {
            LogFailed(logger, stored.MessageId, stored.Channel, "no sender registered");
            return await outbox.MarkFailed(stored.MessageId, $"No sender is registered for {stored.Channel}.");
        }

        try
        {
            await sender.SendAsync(stored, cancellationToken);
        }
        catch (Exception error) when (IsDeliveryFailure(error, cancellationToken))
        {
            // The error's message may quote an address or a number (PHI): the log names its kind, the outbox keeps the text.
            LogFailed(logger, stored.MessageId, stored.Channel, error.GetType().Name);
            return await outbox.MarkFailed(stored.MessageId, error.Message);
        }

        LogSent(logger, stored.MessageId, stored.Channel);
        return await outbox.MarkSent(stored.MessageId);
    }

    // The channel's own failures are recorded; the caller cancelling is not a delivery failure and propagates.
    private static bool IsDeliveryFailure(Exception error, CancellationToken cancellationToken) => error switch
    {
        NotificationDeliveryException or IOException or SocketException or HttpRequestException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {MessageId} sent by {Channel}")]
    private static partial void LogSent(ILogger logger, string messageId, NotificationChannel channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {MessageId} could not be sent by {Channel} ({FailureKind}); the outbox records why")]
    private static partial void LogFailed(ILogger logger, string messageId, NotificationChannel channel, string failureKind);
}
