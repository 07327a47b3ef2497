using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Reroute.Runtime.Core;
using Reroute.Runtime.Serialization;

namespace Reroute.Runtime.Cluster;

internal sealed partial class ClusterTransport
{
    /// <summary>Recomputes the owners over the live silos; subscribes to partitions gained and releases those lost.</summary>
    private async Task Rebalance()
    {
        await _rebalance.WaitAsync();
        try
        {
            if (!IsConnected || _left)
            {
                return;
            }

            var live = Membership.Live;
            var work = new List<Task>();
            var gained = false;
            foreach (var slot in _slots)
            {
                var mine = _hostsGrains && RendezvousOwnership.OwnerOf(slot.Partition, live) == SiloId;
                if (mine && !slot.Owned)
                {
                    slot.Owned = true;
                    gained = true;
                }
                else if (!mine && slot.Owned)
                {
                    // From now on calls to this partition go through the broker, to the new owner.
                    slot.Owned = false;
                    slot.Active = false;
                    _ = Release(slot, _stopping.Token);
                }

                if (slot.Owned && !slot.Consuming)
                {
                    work.Add(Subscribe(slot));
                }
            }

            await Task.WhenAll(work);
            if (gained)
            {
                // Reminders of gained partitions were written by their previous owner: the table is the truth.
                await _runtime.Reminders.ReloadAsync(_stopping.Token);
            }

            LogOwnership(SiloId, live.Count, OwnedPartitions.Count);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogRebalanceFailed(exception);
        }
        finally
        {
            _rebalance.Release();
        }
    }

    private async Task Subscribe(PartitionSlot slot)
    {
        await slot.Gate.WaitAsync();
        try
        {
            var connection = _connection;
            if (!slot.Owned || slot.Consuming || connection is null)
            {
                return;
            }

            // A channel left by an attempt that failed, or whose consumer the broker cancelled, goes first: see Discard.
            Discard(slot);
            var channel = await connection.CreateChannelAsync(cancellationToken: _stopping.Token);
            slot.Channel = channel;
            try
            {
                await channel.BasicQosAsync(0, (ushort)_options.PartitionPrefetch, global: false, _stopping.Token);
                var consumer = new AsyncEventingBasicConsumer(channel);
                consumer.ReceivedAsync += (_, delivery) => OnRequest(slot, channel, delivery);
                consumer.UnregisteredAsync += (_, _) => OnConsumerGone(slot, channel);
                consumer.ShutdownAsync += (_, _) => OnConsumerGone(slot, channel);

                // With single active consumer this silo may wait behind the previous owner until it lets go.
                slot.ConsumerTag = await channel.BasicConsumeAsync(ClusterTopology.PartitionQueue(_options.Name, slot.Partition), autoAck: false, consumer, _stopping.Token);
                slot.Consuming = channel.IsOpen;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // E.g. a quorum queue without a leader yet (just after a broker restart) times the consume out. The
                // heartbeat tick tries again; until then requests wait in the queue.
                LogSubscribeFailed(slot.Partition, exception.Message);
                Discard(slot);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogSubscribeFailed(slot.Partition, exception.Message);
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>
    /// Forgets the slot's channel and closes it without waiting. The broker may register a consume after the client
    /// stopped waiting for it; left open, that consumer nobody listens to would stay the queue's single active consumer
    /// and hold the partition's requests for ever. Closing the channel drops it and hands back whatever it was given.
    /// </summary>
    private void Discard(PartitionSlot slot)
    {
        if (slot.ForgetConsumer() is { } channel)
        {
            _ = CloseQuietly(channel);
        }
    }

    private async Task CloseQuietly(IChannel channel)
    {
        try
        {
            await channel.AbortAsync();
            await channel.DisposeAsync();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogCloseFailed(exception);
        }
    }

    /// <summary>
    /// The consumer of an owned partition went away while the connection may still be up: the broker cancelled it (queue
    /// deleted or restarted) or closed its channel (a channel error). Calls to the partition go through the broker until
    /// the heartbeat tick has subscribed again. A release or a lost connection clears the slot first and is not counted.
    /// </summary>
    private Task OnConsumerGone(PartitionSlot slot, IChannel channel)
    {
        if (slot.Consuming && slot.Channel == channel)
        {
            slot.Consuming = false;
            slot.Active = false;
            LogConsumerGone(SiloId, slot.Partition);
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops consuming a partition, lets its running turns finish and acknowledge, and deactivates its grains.</summary>
    private async Task Release(PartitionSlot slot, CancellationToken cancellationToken)
    {
        await slot.Gate.WaitAsync(CancellationToken.None);
        try
        {
            var channel = slot.Channel;
            if (slot.Owned && !_left)
            {
                return;
            }

            if (_left)
            {
                slot.Owned = false;
            }

            slot.Active = false;
            slot.Consuming = false;
            try
            {
                if (slot.ConsumerTag is { } tag && channel is { IsOpen: true })
                {
                    await channel.BasicCancelAsync(tag, cancellationToken: CancellationToken.None);
                }

                using var drain = new CancellationTokenSource(_runtime.Options.ShutdownDrainTimeout, _time);
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(drain.Token, cancellationToken);
                await slot.Drained().WaitAsync(stop.Token);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                LogReleaseIncomplete(slot.Partition, exception.Message);
            }

            // State is written in OnDeactivateAsync before the next owner may activate the grain.
            var reason = new DeactivationReason(DeactivationReasonCode.OwnershipLost, $"Partition {slot.Partition} moved to another silo.");
            var leaving = _runtime.Catalog.Activations().Where(a => _map.PartitionOf(a.GrainId) == slot.Partition && !_localOnlyTypes.Contains(a.GrainId.Type)).ToList();
            await Task.WhenAll(leaving.Select(a => a.DeactivateAsync(reason)));
            slot.ForgetHandled();
            slot.Channel = null;
            slot.ConsumerTag = null;
            try
            {
                // Anything still unacknowledged goes back to the queue, for the new owner.
                if (channel is not null)
                {
                    await channel.CloseAsync();
                }
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                LogCloseFailed(exception);
            }

            LogReleased(SiloId, slot.Partition, leaving.Count);
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>
    /// One message from a partition queue: a call, or a batch of calls (JSON lines). Runs on the channel's dispatcher,
    /// so it only decodes and hands each call to its grain's activation (keeping the queue's order per grain) and
    /// returns; each reply follows when its turn has completed, and the message is settled when all have.
    /// </summary>
    private Task OnRequest(PartitionSlot slot, IChannel channel, BasicDeliverEventArgs delivery)
    {
        if (slot.Owned && slot.Channel == channel)
        {
            slot.Active = true;
        }

        var properties = delivery.BasicProperties;
        ReadOnlyMemory<byte> body = delivery.Body.ToArray();
        var batch = properties.ContentType == GrainMessageBatch.ContentType;
        var calls = batch ? GrainMessageBatch.Split(body) : [body];
        var settlement = new IncomingDelivery(channel, delivery.DeliveryTag, DeliveryCount(properties), delivery.Redelivered, Math.Max(1, calls.Count));
        if (calls.Count == 0)
        {
            // An empty batch asks nothing; it counts as in flight until settled, as every call does.
            slot.Enter();
            var nothing = new IncomingRequest(slot, settlement, body, properties.MessageId, null, null);
            _ = Finish(nothing, Settle(nothing, requeue: false));
            return Task.CompletedTask;
        }

        foreach (var call in calls)
        {
            var messageId = batch ? GrainMessageBatch.MessageIdOf(call.Span) : properties.MessageId;
            Handle(new IncomingRequest(slot, settlement, call, messageId, properties.ReplyTo, batch ? messageId : properties.CorrelationId));
        }

        return Task.CompletedTask;
    }

    private void Handle(IncomingRequest incoming)
    {
        incoming.Slot.Enter();
        GrainCallMessage call;
        try
        {
            call = GrainMessageCodec.DecodeCall(incoming.Body.Span);
        }
        catch (GrainMessageFormatException exception)
        {
            _ = Finish(incoming, DeadLetterAndAnswer(incoming, null, exception.Message));
            return;
        }

        if (incoming.Slot.FirstOrEarlier(call.Target, call.MessageId, out var promise) is { } earlier)
        {
            LogDuplicate(call.MessageId, call.Target.ToString());
            _ = Finish(incoming, ReplyWhenDone(incoming, earlier));
            return;
        }

        var turn = _runtime.DeliverIncoming(call.Target, call.Request);
        _ = Finish(incoming, Answer(incoming, call, turn, promise));
    }

    private static async Task Finish(IncomingRequest incoming, Task handling)
    {
        try
        {
            await handling;
        }
        finally
        {
            incoming.Slot.Exit();
        }
    }

    private async Task Answer(IncomingRequest incoming, GrainCallMessage call, Task turn, TaskCompletionSource<byte[]>? promise)
    {
        try
        {
            await turn;
        }
        catch (Exception)
        {
            // A grain's exception is its answer: it travels back in the reply.
        }

        var deliveries = incoming.Delivery.DeliveryCount + 1;
        if (turn.Exception?.InnerException is InconsistentStateException && incoming.Delivery.Redelivered && deliveries < _options.DeliveryLimit
            && _runtime.Catalog.Find(call.Target) is null or Activation { HoldsStaleState: true })
        {
            // A request handed over from a silo that died found the state that silo wrote after this activation read it
            // (its last write landed late). The activation goes (see Activation); the request runs again on a new one,
            // which reads what is stored, rather than fail a call its caller made once. Not when the refused write was
            // a callee's: the target's activation stays, and running the request again on it could apply it twice.
            incoming.Slot.Forget(call.Target, call.MessageId);
            promise?.TrySetException(turn.Exception.InnerException);
            LogRequeued(call.MessageId, deliveries, $"{call.Target}.{call.Request.Method.Name} found its state changed by another writer");
            await Settle(incoming, requeue: true);
            return;
        }

        byte[] reply;
        try
        {
            reply = GrainMessageCodec.EncodeReply(incoming.ReplyId ?? call.MessageId, call.Request, turn);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The request ran but cannot be answered: it is handed back to be tried again, and after the delivery
            // limit it is poison and dead-lettered, so it neither circles for ever nor blocks the partition.
            incoming.Slot.Forget(call.Target, call.MessageId);
            promise?.TrySetException(exception);
            var reason = $"{call.Target}.{call.Request.Method.Name} failed after its turn: {exception.GetType().Name}: {exception.Message}";
            if (deliveries >= _options.DeliveryLimit)
            {
                await DeadLetterAndAnswer(incoming, call, $"poison: delivered {deliveries} times; {reason}");
            }
            else
            {
                LogRequeued(call.MessageId, deliveries, reason);
                await Settle(incoming, requeue: true);
            }

            return;
        }

        promise?.TrySetResult(reply);
        await ReplyAndSettle(incoming, reply);
    }

    private async Task ReplyWhenDone(IncomingRequest incoming, Task<byte[]> earlier)
    {
        byte[] reply;
        try
        {
            reply = await earlier;
        }
        catch (Exception)
        {
            // The first delivery could not be answered and was handed back; this copy goes back as well.
            await Settle(incoming, requeue: true);
            return;
        }

        await ReplyAndSettle(incoming, incoming.ReplyId is { } id ? GrainMessageCodec.Readdress(reply, id) : reply);
    }

    /// <summary>
    /// Sends the reply, then acknowledges the request. A reply that could not be sent leaves the request unacknowledged
    /// (handed back): its redelivery is answered from the de-duplication memory, so the caller is never left waiting
    /// for a reply nobody will send again.
    /// </summary>
    private async Task ReplyAndSettle(IncomingRequest incoming, byte[] reply)
    {
        await Settle(incoming, requeue: !await SendReply(incoming, reply));
    }

    /// <summary>Moves a request to the dead-letter queue with the reason, answers the caller with it, and acknowledges it.</summary>
    private async Task DeadLetterAndAnswer(IncomingRequest incoming, GrainCallMessage? call, string reason)
    {
        var queue = ClusterTopology.PartitionQueue(_options.Name, incoming.Slot.Partition);
        LogDeadLettered(incoming.MessageId ?? "(none)", queue, reason);
        try
        {
            var properties = new BasicProperties
            {
                Persistent = true,
                MessageId = incoming.MessageId,
                CorrelationId = incoming.CorrelationId,
                ContentType = GrainMessageCodec.ContentType,
                Headers = new Dictionary<string, object?>
                {
                    [ClusterTopology.ReasonHeader] = reason,
                    [ClusterTopology.QueueHeader] = queue,
                },
            };
            await Publisher().BasicPublishAsync(ClusterTopology.DeadLetterExchange(_options.Name), string.Empty, mandatory: false, properties, incoming.Body);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Not dead-lettered: hand it back rather than lose it.
            LogDeadLetterFailed(exception.Message);
            await Settle(incoming, requeue: true);
            return;
        }

        // Dead-lettered already: whether or not the caller hears it, the request is done with here.
        if (call is not null)
        {
            await SendReply(incoming, GrainMessageCodec.EncodeReply(incoming.ReplyId ?? call.MessageId, call.Request, Task.FromException(new GrainMessageFormatException(reason))));
        }
        else if (incoming.ReplyId is { } id)
        {
            await SendReply(incoming, GrainMessageCodec.EncodeErrorReply(id, new GrainMessageFormatException(reason)));
        }

        await Settle(incoming, requeue: false);
    }

    /// <summary>Publishes a reply (confirmed, with any others to the same caller ready meanwhile); false when it could not be.</summary>
    private async Task<bool> SendReply(IncomingRequest incoming, byte[] reply)
    {
        if (string.IsNullOrEmpty(incoming.ReplyTo))
        {
            return true;
        }

        var outgoing = new OutgoingReply(incoming.ReplyTo, incoming.ReplyId, reply);
        _replies.Add(outgoing);
        return await outgoing.Sent.Task;
    }

    /// <summary>One call of a message is done; the last one acknowledges the message, or hands it back.</summary>
    private async Task Settle(IncomingRequest incoming, bool requeue)
    {
        var delivery = incoming.Delivery;
        if (!delivery.Done(requeue, out var handBack))
        {
            return;
        }

        try
        {
            if (handBack)
            {
                await delivery.Channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true);
            }
            else
            {
                await delivery.Channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The channel is gone (partition released or connection lost): the broker redelivers the request.
            LogSettleFailed(incoming.MessageId ?? "(none)", exception.Message);
        }
    }

    private static long DeliveryCount(IReadOnlyBasicProperties properties)
        => properties.Headers?.TryGetValue(ClusterTopology.DeliveryCountHeader, out var value) == true
            ? value switch { long l => l, int i => i, byte b => b, short s => s, _ => 0 }
            : 0;

    private sealed record IncomingRequest(
        PartitionSlot Slot,
        IncomingDelivery Delivery,
        ReadOnlyMemory<byte> Body,
        string? MessageId,
        string? ReplyTo,
        string? CorrelationId)
    {
        /// <summary>
        /// What the reply is matched by: the caller's correlation id, else the message id. It is also the id written in
        /// the reply itself, since a batch of replies can carry only that.
        /// </summary>
        public string? ReplyId => CorrelationId ?? MessageId;
    }
}
