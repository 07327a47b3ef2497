using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Notifications;

/// <summary>A patient's outbox (kept per patient so that no grain holds a whole tenant's mail): stores every outbound message once by id and records how its delivery went.</summary>
public sealed class OutboxGrain([PersistentState("outbox")] IPersistentState<OutboxState> state) : Grain, IOutboxGrain
{
    /// <inheritdoc />
    public async Task<OutboundMessage> Enqueue(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.MessageId);
        if (SchedulingKeys.Of(message.Tenant, message.PatientId) != GetPrimaryKeyString())
        {
            throw new ArgumentException($"Message {message.MessageId} belongs to another tenant or patient than this outbox.", nameof(message));
        }

        if (Find(message.MessageId) is { } existing)
        {
            // A retried request gets the first answer: the stored message keeps its status, so nothing is sent twice.
            return existing;
        }

        var stored = message with { CreatedAt = Time.GetUtcNow(), Status = DeliveryStatus.Pending, Attempts = 0, LastError = null };
        await state.ReplaceAsync(state.State with { Messages = [.. state.State.Messages, stored] });
        return stored;
    }

    /// <inheritdoc />
    public Task<OutboundMessage?> Get(string messageId) => Task.FromResult(Find(messageId));

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboundMessage>> List(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

        // Stored oldest first, so walking backwards gives newest first, with enqueue order breaking equal timestamps.
        IReadOnlyList<OutboundMessage> newest = [.. state.State.Messages.Reverse().Take(limit)];
        return Task.FromResult(newest);
    }

    /// <inheritdoc />
    public Task<OutboundMessage> MarkSent(string messageId) =>
        Record(messageId, m => m with { Status = DeliveryStatus.Sent, Attempts = m.Attempts + 1, LastError = null });

    /// <inheritdoc />
    public Task<OutboundMessage> MarkFailed(string messageId, string error)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        return Record(messageId, m => m with { Status = DeliveryStatus.Failed, Attempts = m.Attempts + 1, LastError = error });
    }

    private OutboundMessage? Find(string messageId) => state.State.Messages.FirstOrDefault(m => m.MessageId == messageId);

    private async Task<OutboundMessage> Record(string messageId, Func<OutboundMessage, OutboundMessage> change)
    {
        var current = Find(messageId) ?? throw new KeyNotFoundException($"Message {messageId} is not in the outbox.");
        var next = change(current);
        await state.ReplaceAsync(state.State with { Messages = [.. state.State.Messages.Select(m => m.MessageId == messageId ? next : m)] });
        return next;
    }
}
