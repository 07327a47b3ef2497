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
        var call = new OutgoingCall(messageId, target, request, _map.PartitionOf(target), body);
        _pending[messageId] = call;
        _ = Publish(call);
        return completion;
    }

    private async Task Publish(OutgoingCall call)
    {
        var properties = new BasicProperties
        {
            Persistent = true,
            MessageId = call.MessageId,
            CorrelationId = call.MessageId,
            ReplyTo = _replyQueue,
            ContentType = "application/json",
        };
        var queue = ClusterTopology.PartitionQueue(_options.Name, call.Partition);
        while (!call.Request.IsCompleted && !_stopping.IsCancellationRequested)
        {
            var connected = _connected.Task;
            try
            {
                await connected.WaitAsync(_stopping.Token);
                await Publisher().BasicPublishAsync(string.Empty, queue, mandatory: true, properties, call.Body);
                call.Confirmed = true;
                return;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (exception is AlreadyClosedException or OperationInterruptedException or PublishException or IOException or ObjectDisposedException)
            {
                // Not confirmed: try again once connected (the same message id, so the owner runs it once).
                LogPublishRetry(call.Target.ToString(), exception.Message);
                if (connected == _connected.Task)
                {
                    await Task.Yield();
                    await Task.Delay(_options.ReconnectInitialDelay, _time, _stopping.Token).ContinueWith(static _ => { }, TaskScheduler.Default);
                }
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // Anything else will not get better by trying again: the caller hears it now, not at its timeout.
                _pending.TryRemove(call.MessageId, out _);
                _runtime.Timeouts.Untrack(call.Request);
                call.Request.TryFail(new SiloUnavailableException(
                    $"The call to {call.Target}.{call.Request.Method.Name} could not be sent to the cluster: {exception.Message}"));
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
                _ = Publish(call);
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
        var correlation = delivery.BasicProperties.CorrelationId;
        if (correlation is null || !_pending.TryRemove(correlation, out var call))
        {
            // A reply to a call that timed out, or a second reply after a redelivery: nobody waits for it.
            return;
        }

        _runtime.Timeouts.Untrack(call.Request);
        try
        {
            GrainMessageCodec.CompleteFromReply(call.Request, delivery.Body.Span);
        }
        catch (GrainMessageFormatException exception)
        {
            LogMalformedReply(call.Target.ToString(), exception.Message);
        }
    }
}
