using System.Collections.Concurrent;
using RabbitMQ.Client;

namespace Reroute.Runtime.Cluster;

/// <summary>This silo's hold on one partition: whether it owns it, whether it is the active consumer, its turns in flight.</summary>
internal sealed class PartitionSlot(int partition, int deduplicationWindow)
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<byte[]>> _handled = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _handledOrder = new();
    private int _inFlight;
    private TaskCompletionSource? _drained;

    public int Partition { get; } = partition;

    /// <summary>Subscribe and release of one partition never overlap.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Whether rendezvous hashing over the current membership gives this partition to this silo.</summary>
    public volatile bool Owned;

    /// <summary>Whether a delivery has proved this silo the partition's active consumer (calls then short-circuit).</summary>
    public volatile bool Active;

    /// <summary>
    /// Whether the broker confirmed this silo's consumer on the partition queue and has not cancelled it since. An owned
    /// partition without one is subscribed again (by the heartbeat tick), whatever made the consumer go away.
    /// </summary>
    public volatile bool Consuming;

    public IChannel? Channel { get; set; }

    public string? ConsumerTag { get; set; }

    /// <summary>Forgets the consumer (not consuming, not active, no channel or tag) and returns the channel it was on.</summary>
    public IChannel? ForgetConsumer()
    {
        var channel = Channel;
        Consuming = false;
        Active = false;
        Channel = null;
        ConsumerTag = null;
        return channel;
    }

    public int InFlight => Volatile.Read(ref _inFlight);

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Exit()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0)
        {
            Volatile.Read(ref _drained)?.TrySetResult();
        }
    }

    /// <summary>Completes when no request of this partition is being handled.</summary>
    public Task Drained()
    {
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _drained, drained);
        if (InFlight == 0)
        {
            drained.TrySetResult();
        }

        return drained.Task;
    }

    /// <summary>
    /// The reply of a request already handled (or being handled) here under the same message id, or null when this
    /// delivery is the first; then the caller must complete the returned promise with the reply.
    /// </summary>
    public Task<byte[]>? FirstOrEarlier(GrainId target, string messageId, out TaskCompletionSource<byte[]>? promise)
    {
        promise = null;
        if (deduplicationWindow == 0)
        {
            return null;
        }

        var key = target.ToString() + "\n" + messageId;
        var mine = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var existing = _handled.GetOrAdd(key, mine);
        if (existing != mine)
        {
            return existing.Task;
        }

        promise = mine;
        _handledOrder.Enqueue(key);
        while (_handledOrder.Count > deduplicationWindow && _handledOrder.TryDequeue(out var oldest))
        {
            _handled.TryRemove(oldest, out _);
        }

        return null;
    }

    /// <summary>Forgets one message id, so a redelivery of a request that was not answered runs again.</summary>
    public void Forget(GrainId target, string messageId) => _handled.TryRemove(target.ToString() + "\n" + messageId, out _);

    /// <summary>Forgets handled message ids: the partition went to another silo, which will not know them either.</summary>
    public void ForgetHandled()
    {
        _handled.Clear();
        _handledOrder.Clear();
    }
}
