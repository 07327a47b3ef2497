using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>One A/B arm's running totals.</summary>
public sealed class PolicyArm(int windowSize, double alpha)
{
    private readonly LatencyWindow _window = new(windowSize, alpha);
    private long _slaKnown;
    private long _slaMet;
    private double _latencySum;
    private double _costSum;

    /// <summary>Observations.</summary>
    public long Requests => _window.Count;

    /// <summary>Adds one observation.</summary>
    public void Add(RoutingObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        _window.Add(observation.LatencyMs, observation.Succeeded);
        _latencySum += observation.LatencyMs;
        _costSum += observation.Cost;
        if (observation.LatencySlaMs > 0)
        {
            _slaKnown++;
            _slaMet += observation.Succeeded && observation.LatencyMs <= observation.LatencySlaMs ? 1 : 0;
        }
    }

    /// <summary>The arm's stats under <paramref name="policy"/>.</summary>
    public PolicyArmStats Stats(string policy)
    {
        var n = Math.Max(1, _window.Count);
        return new PolicyArmStats
        {
            Policy = policy,
            Requests = _window.Count,
            SlaAttainment = _slaKnown > 0 ? (double)_slaMet / _slaKnown : 0,
            ErrorRate = (double)_window.Errors / n,
            MeanLatencyMs = _latencySum / n,
            P99Ms = RobustStats.Percentile(_window.Sorted(), 0.99),
            MeanCost = _costSum / n,
        };
    }
}
