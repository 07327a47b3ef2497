using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>
/// The monitor. Per node and tier it keeps an EWMA and a window of recent latencies (percentiles, and the robust z-score
/// that flags anomalies: the median and MAD are not dragged by the outliers they are meant to catch). It learns per node
/// the ratio of observed to estimated latency and the error rate, which the router applies to its estimates; both decay
/// back to neutral while a node goes unobserved, so a node traffic moved away from is tried again. Learned values and the
/// experiment are stored (write-behind on a timer); the windows and A/B totals are soft.
/// </summary>
public sealed partial class MonitorGrain(
    [PersistentState("monitor")] IPersistentState<MonitorState> state,
    IOptions<RoutingGrainOptions> options,
    ILogger<MonitorGrain> logger) : Grain, IMonitorGrain
{
    // A window of identical latencies has MAD 0; a floor of this share of the median keeps z finite and meaningful.
    private const double MadFloorShareOfMedian = 0.01;
    private const double MadFloorMs = 0.001;

    private readonly RoutingGrainOptions _options = options.Value;
    private readonly Dictionary<string, LatencyWindow> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<ComputeTier, LatencyWindow> _tiers = [];
    private readonly Dictionary<string, PolicyArm> _arms = new(StringComparer.Ordinal);
    private readonly LinkedList<LatencyAnomaly> _anomalies = new();
    private bool _dirty;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        RegisterGrainTimer(_ => Flush(), _options.MonitorFlushInterval, _options.MonitorFlushInterval);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Flush();

    /// <inheritdoc />
    public Task<MonitorVerdict> Observe(RoutingObservation observation)
    {
        RoutingValidation.Observation(observation);
        var now = Time.GetUtcNow();
        var window = Window(_nodes, observation.NodeId);

        // Judge the latency against the window before it joins it.
        var z = 0.0;
        var anomaly = false;
        if (window.Filled >= _options.AnomalyMinSamples)
        {
            var sorted = window.Sorted();
            var median = RobustStats.Median(sorted);
            var mad = RobustStats.MedianAbsoluteDeviation(sorted, median);
            z = RobustStats.RobustZ(observation.LatencyMs, median, mad, Math.Max(MadFloorMs, median * MadFloorShareOfMedian));
            anomaly = z > _options.AnomalyZThreshold;
            if (anomaly)
            {
                _anomalies.AddFirst(new LatencyAnomaly { NodeId = observation.NodeId, LatencyMs = observation.LatencyMs, MedianMs = median, RobustZ = z, At = now });
                while (_anomalies.Count > _options.AnomaliesKept)
                {
                    _anomalies.RemoveLast();
                }

                LogAnomaly(logger, observation.NodeId, observation.LatencyMs, median, z);
            }
        }

        window.Add(observation.LatencyMs, observation.Succeeded);
        Window(_tiers, observation.Tier).Add(observation.LatencyMs, observation.Succeeded);
        Arm(observation.Policy).Add(observation);
        var factor = Learn(observation, now);
        LearnSla(observation, now);
        return Task.FromResult(new MonitorVerdict { Anomaly = anomaly, RobustZ = z, EwmaMs = window.EwmaMs, LatencyFactor = factor });
    }

    /// <inheritdoc />
    public Task<RoutingLearning> Learned() => Task.FromResult(Learning(Time.GetUtcNow()));

    /// <inheritdoc />
    public async Task SetExperiment(RoutingExperiment? experiment)
    {
        if (experiment is not null)
        {
            RoutingValidation.Experiment(experiment);
        }

        state.State.Experiment = experiment;
        state.State.Version++;
        await state.WriteStateAsync();
        _dirty = false;
    }

    /// <inheritdoc />
    public Task<RoutingReport> Report()
    {
        var now = Time.GetUtcNow();
        var arms = _arms.OrderBy(a => a.Key == RoutingExperiment.ControlPolicy ? 0 : 1).ThenBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => a.Value.Stats(a.Key))
            .ToImmutableArray();
        return Task.FromResult(new RoutingReport
        {
            GeneratedAt = now,
            Nodes = [.. _nodes.OrderBy(n => n.Key, StringComparer.Ordinal).Select(n => n.Value.Stats(n.Key))],
            Tiers = [.. _tiers.OrderBy(t => t.Key).Select(t => t.Value.Stats(t.Key.ToString()))],
            Anomalies = [.. _anomalies],
            Learning = Learning(now),
            Arms = arms,
            Leader = Leader(arms),
        });
    }

    // Moves the node's factor toward what this outcome says the true factor is. The estimate the router made already
    // carried the factor it had then, so the outcome's ratio is relative to it: the target is factor × ratio.
    private double Learn(RoutingObservation observation, DateTimeOffset now)
    {
        if (observation.Tier == ComputeTier.Device)
        {
            return 1;
        }

        if (!state.State.Nodes.TryGetValue(observation.NodeId, out var learned))
        {
            learned = new LearnedNode { UpdatedAt = now };
            state.State.Nodes[observation.NodeId] = learned;
        }

        var factor = Decayed(learned.LatencyFactor, 1, learned.UpdatedAt, now);
        var errors = Decayed(learned.ErrorRate, 0, learned.UpdatedAt, now);
        if (observation.Succeeded && observation.EstimatedLatencyMs > 0)
        {
            var target = factor * observation.LatencyMs / observation.EstimatedLatencyMs;
            factor = Math.Clamp(factor + (_options.LearningRate * (target - factor)), 1 / _options.MaxLatencyFactor, _options.MaxLatencyFactor);
        }

        errors += _options.LearningRate * ((observation.Succeeded ? 0 : 1) - errors);
        learned.LatencyFactor = factor;
        learned.ErrorRate = errors;
        learned.Samples++;
        learned.UpdatedAt = now;
        state.State.Version++;
        _dirty = true;
        return factor;
    }

    // The weights' part of learning: when routed requests keep missing their SLA, estimates have been optimistic across
    // the board, so the router must leave a wider margin before it counts a candidate as meeting the SLA.
    private void LearnSla(RoutingObservation observation, DateTimeOffset now)
    {
        if (observation.LatencySlaMs <= 0)
        {
            return;
        }

        var met = observation.Succeeded && observation.LatencyMs <= observation.LatencySlaMs ? 1 : 0;
        var attainment = Decayed(state.State.SlaAttainment, 1, state.State.SlaUpdatedAt, now);
        state.State.SlaAttainment = attainment + (_options.SlaAttainmentAlpha * (met - attainment));
        state.State.SlaUpdatedAt = now;
    }

    private double SafetyScale(double attainment) =>
        Math.Clamp(1 - (_options.SafetyGain * (_options.SlaTarget - attainment)), _options.MinSafetyScale, 1);

    private double Decayed(double value, double neutral, DateTimeOffset since, DateTimeOffset now)
    {
        var elapsed = now - since;
        return elapsed <= TimeSpan.Zero ? value : neutral + ((value - neutral) * Math.Pow(0.5, elapsed / _options.LearnedDecayHalfLife));
    }

    private RoutingLearning Learning(DateTimeOffset now) => new()
    {
        Version = state.State.Version,
        SlaAttainment = Decayed(state.State.SlaAttainment, 1, state.State.SlaUpdatedAt, now),
        SafetyScale = SafetyScale(Decayed(state.State.SlaAttainment, 1, state.State.SlaUpdatedAt, now)),
        Experiment = state.State.Experiment,
        Nodes = [.. state.State.Nodes.OrderBy(n => n.Key, StringComparer.Ordinal).Select(n => new NodeLearning
        {
            NodeId = n.Key,
            LatencyFactor = Decayed(n.Value.LatencyFactor, 1, n.Value.UpdatedAt, now),
            ErrorRate = Decayed(n.Value.ErrorRate, 0, n.Value.UpdatedAt, now),
            Samples = n.Value.Samples,
        })],
    };

    private string? Leader(ImmutableArray<PolicyArmStats> arms)
    {
        if (arms.Length < 2 || arms.Any(a => a.Requests < _options.ExperimentMinRequests))
        {
            return null;
        }

        var control = arms.FirstOrDefault(a => a.Policy == RoutingExperiment.ControlPolicy) ?? arms[0];
        var best = control;
        foreach (var arm in arms)
        {
            var slaGap = arm.SlaAttainment - best.SlaAttainment;
            if (slaGap > _options.ExperimentSlaMargin || (Math.Abs(slaGap) <= _options.ExperimentSlaMargin && arm.MeanCost < best.MeanCost))
            {
                best = arm;
            }
        }

        return best.Policy;
    }

    private LatencyWindow Window<TKey>(Dictionary<TKey, LatencyWindow> windows, TKey key)
        where TKey : notnull
    {
        if (!windows.TryGetValue(key, out var window))
        {
            window = new LatencyWindow(_options.MonitorWindowSize, _options.MonitorEwmaAlpha);
            windows[key] = window;
        }

        return window;
    }

    private PolicyArm Arm(string policy)
    {
        if (!_arms.TryGetValue(policy, out var arm))
        {
            arm = new PolicyArm(_options.MonitorWindowSize, _options.MonitorEwmaAlpha);
            _arms[policy] = arm;
        }

        return arm;
    }

    private async Task Flush()
    {
        if (_dirty)
        {
            _dirty = false;
            await state.WriteStateAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Latency anomaly on node {NodeId}: {LatencyMs} ms against a median of {MedianMs} ms (robust z {RobustZ})")]
    private static partial void LogAnomaly(ILogger logger, string nodeId, double latencyMs, double medianMs, double robustZ);
}
