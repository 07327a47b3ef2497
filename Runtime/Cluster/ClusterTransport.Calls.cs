using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;
using Reroute.Runtime.Serialization;

namespace Reroute.Runtime.Cluster;

internal sealed partial class ClusterTransport
{
    /// <summary>
    /// Whether a call to <paramref name="grainId"/> runs in this process: its partition's active consumer is this silo
    /// (a delivery proved it), or the grain is a stateless worker.
    /// </summary>
    public bool RunsHere(GrainId grainId)
        => (_slots[_map.PartitionOf(grainId)] is { Active: true, Owned: true }) || _localOnlyTypes.Contains(grainId.Type);

    /// <summary>Sends a call to the partition queue of <paramref name="target"/>; the returned task completes with the reply.</summary>
    public Task Send(GrainId target, GrainRequest request)
    {
        var messageId = Guid.NewGuid().ToString("N");
        byte[] body;
        try
        {
            body = GrainMessageCodec.EncodeCall(messageId, target, request);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException)
        {
            return request.Faulted(new ArgumentException($"The arguments of {request.Method.DisplayName} cannot be sent to another silo: {exception.Message}", exception));
        }

        var completion = request.CreateCompletion();
        _runtime.Timeouts.Track(request, target);
        var call = new OutgoingCall(messageId, target, request, _partitionQueues[_map.PartitionOf(target)], body);
        _pending[messageId] = call;
        _requests.Add(call);
        return completion;
    }

    /// <summary>
    /// Publishes calls to one partition queue as one message (a batch when there are several) and waits for the
    /// broker's confirm; not confirmed, it tries again once connected, with the same message ids, so the owner runs each
    /// call once.
    /// </summary>
    private async Task PublishCalls(string queue, List<OutgoingCall> calls)
    {
        while (!_stopping.IsCancellationRequested)
        {
            calls.RemoveAll(static c => c.Request.IsCompleted);
            if (calls.Count == 0)
            {
                return;
            }

            var (contentType, body) = GrainMessageBatch.Pack(calls, static c => c.Body);
            var alone = calls.Count == 1 ? calls[0].MessageId : null;
            var properties = new BasicProperties
            {
                Persistent = true,
                MessageId = alone,
                CorrelationId = alone,
                ReplyTo = _replyQueue,
                ContentType = contentType,
            };
            var connected = _connected.Task;
            try
            {
                await connected.WaitAsync(_stopping.Token);
                await Publisher().BasicPublishAsync(string.Empty, queue, mandatory: true, properties, body);
                foreach (var call in calls)
                {
                    call.Confirmed = true;
                }

                return;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is AlreadyClosedException or OperationInterruptedException or PublishException or IOException or ObjectDisposedException)
            {
                LogPublishRetry(calls[0].Target.ToString(), calls.Count, exception.Message);
                if (connected == _connected.Task)
                {
                    await Task.Yield();
                    await Task.Delay(_options.ReconnectInitialDelay, _time, _stopping.Token).ContinueWith(static _ => { }, TaskScheduler.Default);
                }
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // Anything else will not get better by trying again: the callers hear it now, not at their timeout.
                foreach (var call in calls)
                {
                    _pending.TryRemove(call.MessageId, out _);
                    _runtime.Timeouts.Untrack(call.Request);
                    call.Request.TryFail(new SiloUnavailableException(
                        $"The call to {call.Target}.{call.Request.Method.Name} could not be sent to the cluster: {exception.Message}"));
                }

                return;
            }
        }
    }

    /// <summary>
    /// After a reconnection: publishes again every confirmed call still waiting, as its reply may have been lost with the
    /// broker (calls not yet confirmed are still being published). The owner answers a copy it already ran from memory.
    /// </summary>
    private Task RepublishPending()
    {
        foreach (var call in _pending.Values)
        {
            if (call.Confirmed && !call.Request.IsCompleted)
            {
                call.Confirmed = false;
                _requests.Add(call);
            }
        }

        return Task.CompletedTask;
    }

    private async Task ConsumeReplies(IChannel control, CancellationToken cancellationToken)
    {
        var consumer = new AsyncEventingBasicConsumer(control);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            OnReply(delivery);
            return Task.CompletedTask;
        };
        await control.BasicConsumeAsync(_replyQueue, autoAck: true, consumer, cancellationToken);
    }

    private void OnReply(BasicDeliverEventArgs delivery)
    {
        if (delivery.BasicProperties.ContentType == GrainMessageBatch.ContentType)
        {
            foreach (var reply in GrainMessageBatch.Split(delivery.Body))
            {
                Complete(GrainMessageBatch.MessageIdOf(reply.Span), reply.Span);
            }
        }
        else
        {
            Complete(delivery.BasicProperties.CorrelationId, delivery.Body.Span);
        }
    }

    private void Complete(string? correlation, ReadOnlySpan<byte> reply)
    {
        if (correlation is null || !_pending.TryRemove(correlation, out var call))
        {
            // A reply to a call that timed out, or a second reply after a redelivery: nobody waits for it.
            return;
        }

        _runtime.Timeouts.Untrack(call.Request);
        try
        {
            GrainMessageCodec.CompleteFromReply(call.Request, reply);
        }
        catch (GrainMessageFormatException exception)
        {
            LogMalformedReply(call.Target.ToString(), exception.Message);
        }
    }

    /// <summary>Publishes replies to one caller's queue as one message (a batch when there are several).</summary>
    private async Task PublishReplies(string replyTo, List<OutgoingReply> replies)
    {
        var (contentType, body) = GrainMessageBatch.Pack(replies, static r => r.Body);
        var properties = new BasicProperties
        {
            CorrelationId = replies.Count == 1 ? replies[0].CorrelationId : null,
            ContentType = contentType,
        };
        var sent = true;
        try
        {
            await Publisher().BasicPublishAsync(string.Empty, replyTo, mandatory: false, properties, body);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogReplyFailed(replies.Count, replyTo, exception.Message);
            sent = false;
        }

        foreach (var reply in replies)
        {
            reply.Sent.TrySetResult(sent);
        }
    }
}
