using System.Collections.Immutable;
using System.Globalization;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing.Simulation;

/// <summary>
/// One simulated edge or cloud node in virtual time: FIFO over a fixed number of slots, model warmth with cold starts,
/// injected faults, an observed mean service time, and the router's breaker for it.
/// </summary>
internal sealed class SimNode
{
    private const double NotLoaded = double.PositiveInfinity;
    private const double LoadedAtStart = double.NegativeInfinity;

    private readonly NodeSnapshot _spec;
    private readonly (FaultKind Kind, double Start, double End, double Speed)[] _faults;
    private readonly PriorityQueue<double, double> _slotFreeAt = new();
    private readonly List<(double Start, double End, double ExpectedMs)> _jobs = [];
    private readonly Dictionary<string, double> _warmAt = new(StringComparer.Ordinal);
    private readonly double _heartbeatTimeoutMs;
    private readonly double _breakerOpenMs;
    private readonly double _ewmaAlpha;
    private double _meanServiceMs;
    private double _lastFailureSeenAt = double.NegativeInfinity;
    private double _lastSuccessAt = double.NegativeInfinity;
    private int _recoveriesApplied;

    public SimNode(NodeSnapshot spec, IEnumerable<NodeFault> faults, double spanMs, SimulationOptions options)
    {
        _spec = spec;
        _faults = faults
            .Where(f => string.Equals(f.NodeId, spec.NodeId, StringComparison.Ordinal))
            .Select(f => (f.Kind, f.StartFraction * spanMs, f.EndFraction * spanMs, f.SpeedFactor))
            .OrderBy(f => f.Item2)
            .ToArray();
        _heartbeatTimeoutMs = options.HeartbeatTimeoutMs;
        _breakerOpenMs = options.BreakerOpenMs;
        _ewmaAlpha = options.ServiceEwmaAlpha;
        for (var i = 0; i < spec.Capacity; i++)
        {
            _slotFreeAt.Enqueue(0, 0);
        }

        foreach (var model in spec.HostedModels)
        {
            _warmAt[model] = LoadedAtStart;
        }
    }

    public string Id => _spec.NodeId;

    public ComputeTier Tier => _spec.Tier;

    public string Cell => _spec.Cell;

    public double CostPer1kTokens => _spec.CostPer1kTokens;

    public static string CellName(int cell) => "cell-" + cell.ToString(CultureInfo.InvariantCulture);

    /// <summary>Moves the node to <paramref name="now"/>: finished jobs feed the observed mean; a restart loses warm models.</summary>
    public void Advance(double now)
    {
        for (var i = _jobs.Count - 1; i >= 0; i--)
        {
            var job = _jobs[i];
            if (job.End <= now)
            {
                _meanServiceMs = _meanServiceMs <= 0 ? job.End - job.Start : _ewmaAlpha * (job.End - job.Start) + (1 - _ewmaAlpha) * _meanServiceMs;
                _jobs.RemoveAt(i);
            }
        }

        var downs = 0;
        foreach (var fault in _faults)
        {
            if (fault.Kind == FaultKind.Down && fault.End <= now && ++downs > _recoveriesApplied)
            {
                _recoveriesApplied = downs;
                foreach (var model in _warmAt.Keys.ToArray())
                {
                    _warmAt[model] = NotLoaded;
                }
            }
        }
    }

    /// <summary>What a router would see now; <paramref name="withBreaker"/> shows our breaker (baselines have none).</summary>
    public NodeSnapshot Snapshot(double now, bool withBreaker)
    {
        int inFlight = 0, queued = 0;
        var backlog = 0.0;
        foreach (var job in _jobs)
        {
            // The agent knows each request's expected service (from its tokens), not its true one.
            if (job.Start <= now)
            {
                inFlight++;
                backlog += Math.Max(0, job.Start + job.ExpectedMs - now);
            }
            else
            {
                queued++;
                backlog += job.ExpectedMs;
            }
        }

        var warm = ImmutableArray.CreateBuilder<string>(_warmAt.Count);
        foreach (var (model, at) in _warmAt)
        {
            if (at <= now)
            {
                warm.Add(model);
            }
        }

        return _spec with
        {
            InFlight = inFlight,
            QueueDepth = queued,
            MeanServiceMs = _meanServiceMs,
            BacklogMs = backlog,
            WarmModels = warm.ToImmutable(),
            Health = VisibleHealth(now),
            SpeedFactor = ReportedSpeed(now),
            Breaker = withBreaker ? BreakerAt(now) : BreakerState.Closed,
        };
    }

    /// <summary>
    /// Sends a request that reaches the node at <paramref name="arriveAt"/>. Returns when its service ends, or null when
    /// the node is down at arrival or goes down before it ends (the caller learns that only by its timeout).
    /// </summary>
    public double? Dispatch(double arriveAt, string model, double coldStartMs, double serviceMs, double expectedServiceMs)
    {
        if (DownAt(arriveAt, arriveAt))
        {
            return null;
        }

        var start = Math.Max(arriveAt, _slotFreeAt.Dequeue());
        var warmAt = _warmAt.GetValueOrDefault(model, NotLoaded);
        if (double.IsPositiveInfinity(warmAt))
        {
            warmAt = start + coldStartMs;
            _warmAt[model] = warmAt;
        }

        var coldWait = Math.Max(0, warmAt - start);
        var speed = SpeedAt(start);
        var end = start + coldWait + serviceMs / speed;
        _slotFreeAt.Enqueue(end, end);
        _jobs.Add((start, end, coldWait + expectedServiceMs / speed));
        return DownAt(arriveAt, end) ? null : end;
    }

    public void RecordFailureSeen(double at) => _lastFailureSeenAt = Math.Max(_lastFailureSeenAt, at);

    public void RecordSuccess(double at) => _lastSuccessAt = Math.Max(_lastSuccessAt, at);

    public bool IsDownAt(double at) => DownAt(at, at);

    private bool DownAt(double from, double to)
    {
        foreach (var fault in _faults)
        {
            if (fault.Kind == FaultKind.Down && fault.Start <= to && from < fault.End)
            {
                return true;
            }
        }

        return false;
    }

    private double SpeedAt(double at)
    {
        var speed = _spec.SpeedFactor;
        foreach (var fault in _faults)
        {
            if (fault.Kind == FaultKind.Brownout && fault.Start <= at && at < fault.End)
            {
                speed *= fault.Speed;
            }
        }

        return speed;
    }

    // Heartbeats carry the node's measured speed; a brownout shows in them once a heartbeat interval has passed.
    private double ReportedSpeed(double now)
    {
        var speed = _spec.SpeedFactor;
        foreach (var fault in _faults)
        {
            if (fault.Kind == FaultKind.Brownout && fault.Start + _heartbeatTimeoutMs <= now && now < fault.End)
            {
                speed *= fault.Speed;
            }
        }

        return speed;
    }

    // Heartbeats tell of a fault only once they have been missing (or slow) for the heartbeat timeout.
    private NodeHealth VisibleHealth(double now)
    {
        var health = NodeHealth.Healthy;
        foreach (var fault in _faults)
        {
            if (fault.Start + _heartbeatTimeoutMs <= now && now < fault.End)
            {
                health = fault.Kind == FaultKind.Down ? NodeHealth.Unhealthy : NodeHealth.Degraded;
            }
        }

        return health;
    }

    private BreakerState BreakerAt(double now)
    {
        if (_lastFailureSeenAt > now || double.IsNegativeInfinity(_lastFailureSeenAt))
        {
            return BreakerState.Closed;
        }

        if (now < _lastFailureSeenAt + _breakerOpenMs)
        {
            return BreakerState.Open;
        }

        return _lastSuccessAt > _lastFailureSeenAt + _breakerOpenMs && _lastSuccessAt <= now ? BreakerState.Closed : BreakerState.HalfOpen;
    }
}
