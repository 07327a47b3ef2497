namespace Reroute.Runtime.Cluster;

/// <summary>
/// The silos this silo has heard from recently. A silo is live from its first heartbeat until it says it leaves or
/// is silent for longer than the failure timeout. Every silo applies the same rule to the same heartbeats, so their
/// views agree within one heartbeat and rendezvous hashing then gives them the same owners.
/// </summary>
public sealed class ClusterMembership
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, DateTimeOffset> _lastHeard = new(StringComparer.Ordinal);
    private readonly TimeSpan _failureTimeout;
    private string[] _live;

    /// <summary>A membership that holds <paramref name="self"/> from the start.</summary>
    public ClusterMembership(string self, TimeSpan failureTimeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(self);
        Self = self;
        _failureTimeout = failureTimeout;
        _live = [self];
    }

    /// <summary>This silo.</summary>
    public string Self { get; }

    /// <summary>The live silos, this one included, in ordinal order.</summary>
    public IReadOnlyList<string> Live => Volatile.Read(ref _live);

    /// <summary>When <paramref name="silo"/> was last heard from, or null when it is not live.</summary>
    public DateTimeOffset? LastHeard(string silo)
    {
        lock (_lock)
        {
            return _lastHeard.TryGetValue(silo, out var at) ? at : null;
        }
    }

    /// <summary>Records a heartbeat; true when <paramref name="silo"/> was not live before.</summary>
    public bool Heard(string silo, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrEmpty(silo);
        if (silo == Self)
        {
            return false;
        }

        lock (_lock)
        {
            var joined = !_lastHeard.ContainsKey(silo);
            _lastHeard[silo] = at;
            if (joined)
            {
                Publish();
            }

            return joined;
        }
    }

    /// <summary>Removes a silo that said it leaves; true when it was live.</summary>
    public bool Left(string silo)
    {
        lock (_lock)
        {
            if (!_lastHeard.Remove(silo))
            {
                return false;
            }

            Publish();
            return true;
        }
    }

    /// <summary>Removes silos silent for longer than the failure timeout; returns them.</summary>
    public IReadOnlyList<string> Expire(DateTimeOffset now)
    {
        lock (_lock)
        {
            var dead = _lastHeard.Where(p => now - p.Value > _failureTimeout).Select(static p => p.Key).ToList();
            foreach (var silo in dead)
            {
                _lastHeard.Remove(silo);
            }

            if (dead.Count > 0)
            {
                Publish();
            }

            return dead;
        }
    }

    /// <summary>
    /// Counts every known silo as heard at <paramref name="now"/>: after this silo's own connection was down it could
    /// not hear anyone, and that must not be taken for everyone else's death.
    /// </summary>
    public void Forgive(DateTimeOffset now)
    {
        lock (_lock)
        {
            foreach (var silo in _lastHeard.Keys.ToList())
            {
                _lastHeard[silo] = now;
            }
        }
    }

    private void Publish() => Volatile.Write(ref _live, [.. _lastHeard.Keys.Append(Self).Order(StringComparer.Ordinal)]);
}
