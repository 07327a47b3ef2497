using Microsoft.Extensions.Logging;
using Reroute.Runtime.Core;

namespace Reroute.Runtime.Streams;

/// <summary>
/// One in-memory stream. Items queue in publish order and one pump delivers each to every subscriber before the next,
/// so each subscriber sees the stream in order. Implicit subscriber grains are activated first, so they can subscribe.
/// </summary>
internal sealed class MemoryStreamChannel(StreamId streamId, GrainRuntime runtime, IReadOnlyList<string> implicitGrainTypes, ILogger logger)
{
    private readonly Lock _lock = new();
    private readonly Queue<(object Item, long Sequence)> _items = new();
    private StreamSubscription[] _subscribers = [];
    private long _sequence;
    private bool _pumping;

    public StreamId StreamId => streamId;

    public Task Publish(object item)
    {
        // In cluster mode an item goes through the broker to every silo, each delivering to its own subscribers.
        return runtime.Cluster is { } cluster ? cluster.PublishStreamItem(streamId, item) : Enqueue(item);
    }

    /// <summary>Queues an item for this silo's subscribers.</summary>
    public Task Enqueue(object item)
    {
        lock (_lock)
        {
            _items.Enqueue((item, ++_sequence));
            if (_pumping)
            {
                return Task.CompletedTask;
            }

            _pumping = true;
        }

        _ = Task.Run(Pump);
        return Task.CompletedTask;
    }

    public StreamSubscription Add(Activation? owner, Func<object, StreamSequenceToken, Task> handler)
    {
        var subscription = new StreamSubscription(this, owner, handler);
        lock (_lock)
        {
            _subscribers = [.. _subscribers, subscription];
        }

        owner?.AddSubscription(subscription);
        return subscription;
    }

    public void Remove(StreamSubscription subscription)
    {
        lock (_lock)
        {
            _subscribers = [.. _subscribers.Where(s => !ReferenceEquals(s, subscription))];
        }
    }

    private async Task Pump()
    {
        while (true)
        {
            (object Item, long Sequence) next;
            lock (_lock)
            {
                if (!_items.TryDequeue(out next))
                {
                    _pumping = false;
                    return;
                }
            }

            foreach (var grainType in implicitGrainTypes)
            {
                // In cluster mode every silo sees the item; only the owner of the grain's partition activates it.
                var implicitGrain = new GrainId(grainType, streamId.Key);
                if (runtime.Cluster is not { } cluster || cluster.Owns(implicitGrain))
                {
                    await Guard(runtime.Deliver(implicitGrain, new ActivateRequest(grainType)));
                }
            }

            var token = new StreamSequenceToken(next.Sequence);
            foreach (var subscriber in Volatile.Read(ref _subscribers))
            {
                await Guard(subscriber.Deliver(next.Item, token));
            }
        }
    }

    private async Task Guard(Task delivery)
    {
        try
        {
            await delivery;
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Delivery of an item of stream {StreamId} failed", streamId.ToString());
        }
    }
}
