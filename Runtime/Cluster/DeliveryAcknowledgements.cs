using RabbitMQ.Client;

namespace Reroute.Runtime.Cluster;

/// <summary>
/// Acknowledges the requests of one partition channel in batches. A request counts as done only after its turn (and the
/// state write in it) and its reply; the done requests below the oldest one still open are then acknowledged together
/// with one <c>multiple</c> ack, so the broker settles a run of requests in one go instead of one frame and one
/// quorum-queue command each. A request handed back (nack) is settled on its own, before any ack can cover it. Done
/// requests held back by an older one still running (a long turn) are acknowledged one by one once there are more than
/// <paramref name="heldBackLimit"/> of them, so a slow turn never uses up the channel's prefetch and stalls the partition.
/// </summary>
internal sealed class DeliveryAcknowledgements(IChannel channel, int heldBackLimit, Action<Exception> settleFailed)
{
    private readonly Lock _lock = new();
    private readonly SortedSet<ulong> _open = [];
    private readonly SortedSet<ulong> _done = [];
    private readonly SemaphoreSlim _sending = new(1, 1);
    private int _flushScheduled;

    public IChannel Channel { get; } = channel;

    /// <summary>Registers a delivery (in delivery order, from the channel's dispatcher).</summary>
    public void Delivered(ulong tag)
    {
        lock (_lock)
        {
            _open.Add(tag);
        }
    }

    /// <summary>The request is done: it is acknowledged with the next batch.</summary>
    public void Done(ulong tag)
    {
        lock (_lock)
        {
            _open.Remove(tag);
            _done.Add(tag);
        }

        // One flush at a time is scheduled; it runs after the completions queued behind this one, which it then takes too.
        if (Interlocked.Exchange(ref _flushScheduled, 1) == 0)
        {
            _ = ScheduledFlush();
        }
    }

    /// <summary>Hands the request back to the queue (nack with requeue) at once.</summary>
    public async Task HandBack(ulong tag)
    {
        lock (_lock)
        {
            // Settled already (a handling that failed after its ack or nack): a second settlement would close the channel.
            if (!_open.Contains(tag))
            {
                return;
            }
        }

        try
        {
            await Channel.BasicNackAsync(tag, multiple: false, requeue: true);
        }
        finally
        {
            // Only once the nack is on its way may a batch ack pass this tag.
            lock (_lock)
            {
                _open.Remove(tag);
            }
        }

        await FlushAsync();
    }

    /// <summary>Acknowledges every done request not blocked by an open one; for a release, before its channel closes.</summary>
    public async Task FlushAsync()
    {
        await _sending.WaitAsync();
        try
        {
            ulong upTo = 0;
            List<ulong>? heldBack = null;
            lock (_lock)
            {
                var limit = _open.Count == 0 ? ulong.MaxValue : _open.Min;
                while (_done.Count > 0 && _done.Min < limit)
                {
                    upTo = _done.Min;
                    _done.Remove(upTo);
                }

                if (_done.Count > heldBackLimit)
                {
                    heldBack = [.. _done];
                    _done.Clear();
                }
            }

            // The broker takes a multiple ack for every unacknowledged delivery up to the tag, which must itself be one.
            if (upTo > 0)
            {
                await Channel.BasicAckAsync(upTo, multiple: true);
            }

            foreach (var tag in heldBack ?? [])
            {
                await Channel.BasicAckAsync(tag, multiple: false);
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task ScheduledFlush()
    {
        await Task.Yield();
        Volatile.Write(ref _flushScheduled, 0);
        try
        {
            await FlushAsync();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The channel is gone (partition released or connection lost): the broker delivers the requests again, and
            // the de-duplication answers them from memory.
            settleFailed(exception);
        }
    }
}
