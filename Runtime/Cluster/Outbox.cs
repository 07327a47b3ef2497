namespace Reroute.Runtime.Cluster;

/// <summary>
/// Messages waiting to be published, sent in rounds: at most a fixed number of rounds are out at once (each publishes
/// and waits for its confirms), and what arrives meanwhile gathers into the next round. So an idle silo publishes a call
/// at once, and a busy one sends many calls per broker message: the broker, the sender and the receiver then pay per
/// message for a whole batch instead of per call. Below <paramref name="gatherFromItemsInFlight"/> items out, an item
/// goes at once in a round of its own, which does not count against the rounds allowed out: so few items rarely share
/// a destination that gathering them would save no message, only add a confirm's wait.
/// </summary>
internal sealed class Outbox<T>(
    Func<T, string> destinationOf,
    Func<T, int> sizeOf,
    Func<string, List<T>, Task> sendMessage,
    Action<Exception> onFault,
    int roundsInFlight,
    int gatherFromItemsInFlight,
    int maxItemsPerMessage,
    int maxBytesPerMessage)
{
    private readonly Lock _lock = new();
    private List<T> _waiting = [];
    private int _gatheredInFlight;
    private int _soloInFlight;
    private int _itemsInFlight;
    private long _messages;
    private long _items;

    /// <summary>Messages sent (or being sent) so far.</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Items those messages carried.</summary>
    public long Items => Interlocked.Read(ref _items);

    /// <summary>Rounds published and not yet confirmed.</summary>
    public int RoundsInFlight
    {
        get
        {
            lock (_lock)
            {
                return _gatheredInFlight + _soloInFlight;
            }
        }
    }

    /// <summary>Items in those rounds.</summary>
    public int ItemsInFlight
    {
        get
        {
            lock (_lock)
            {
                return _itemsInFlight;
            }
        }
    }

    public void Add(T item)
    {
        (List<T> Items, bool Gathered) round;
        lock (_lock)
        {
            _waiting.Add(item);
            if (TakeRound() is not { } taken)
            {
                return;
            }

            round = taken;
        }

        _ = Run(round);
    }

    private async Task Run((List<T> Items, bool Gathered) round)
    {
        while (true)
        {
            // Counted now: a send may drop items from the list it is given (calls that completed meanwhile).
            var items = round.Items.Count;
            try
            {
                await SendRound(round.Items);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // sendMessage settles its items and should not throw; if it does, the next rounds must still go out
                // (the items of this one are left to their callers' timeouts).
                onFault(exception);
            }

            lock (_lock)
            {
                if (round.Gathered)
                {
                    _gatheredInFlight--;
                }
                else
                {
                    _soloInFlight--;
                }

                _itemsInFlight -= items;

                // Items wait only while the gathered rounds allowed are all out; one of those takes them when it ends.
                if (_waiting.Count == 0 || TakeRound() is not { } next)
                {
                    return;
                }

                round = next;
            }
        }
    }

    /// <summary>What waits, as a gathered round when one may go, else as a solo round while few items are out.</summary>
    private (List<T> Items, bool Gathered)? TakeRound()
    {
        bool gathered;
        if (_gatheredInFlight < roundsInFlight)
        {
            gathered = true;
            _gatheredInFlight++;
        }
        else if (_itemsInFlight + _waiting.Count < gatherFromItemsInFlight)
        {
            gathered = false;
            _soloInFlight++;
        }
        else
        {
            return null;
        }

        var round = _waiting;
        _waiting = [];
        _itemsInFlight += round.Count;
        return (round, gathered);
    }

    /// <summary>One message per destination and size limit, all published at once.</summary>
    private Task SendRound(List<T> round)
    {
        if (round.Count == 1)
        {
            Count(round);
            return sendMessage(destinationOf(round[0]), round);
        }

        var sends = new List<Task>();
        foreach (var group in round.GroupBy(destinationOf, StringComparer.Ordinal))
        {
            var message = new List<T>();
            var bytes = 0;
            foreach (var item in group)
            {
                var size = sizeOf(item);
                if (message.Count > 0 && (message.Count >= maxItemsPerMessage || bytes + size > maxBytesPerMessage))
                {
                    Count(message);
                    sends.Add(sendMessage(group.Key, message));
                    message = [];
                    bytes = 0;
                }

                message.Add(item);
                bytes += size;
            }

            Count(message);
            sends.Add(sendMessage(group.Key, message));
        }

        // sendMessage settles each item itself (confirmed, retried or failed) and does not throw.
        return Task.WhenAll(sends);
    }

    private void Count(List<T> message)
    {
        Interlocked.Increment(ref _messages);
        Interlocked.Add(ref _items, message.Count);
    }
}
