using System.Collections.Immutable;
using Reroute.Grains.Routing.Simulation;
using Reroute.Interfaces.Routing;

namespace Reroute.Silo.Simulation;

/// <summary>
/// One emulated MEC or cloud node: its slots, queue, warm models, the service time its model size and speed give, and
/// the faults of its schedule (down: answers 503 and its agent goes silent; brownout: slower, reported degraded).
/// </summary>
internal sealed class EmulatedNode
{
    private const double TokensPerThousand = 1_000;
    private const double EwmaAlpha = 0.2;

    private readonly ImmutableArray<NodeFault> _faults;
    private readonly ImmutableArray<ModelProfile> _models;
    private readonly SemaphoreSlim _slots;
    private readonly Random _random;
    private readonly double _noiseSigma;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _warm;
    private int _inFlight;
    private int _waiting;
    private double _meanServiceMs;

    public EmulatedNode(NodeSnapshot spec, IEnumerable<NodeFault> faults, ImmutableArray<ModelProfile> models, double noiseSigma, int seed)
    {
        Spec = spec;
        _faults = [.. faults.Where(f => f.NodeId == spec.NodeId)];
        _models = models;
        _slots = new SemaphoreSlim(Math.Max(1, spec.Capacity));
        _random = new Random(seed);
        _noiseSigma = noiseSigma;
        _warm = [.. spec.WarmModels];
    }

    public NodeSnapshot Spec { get; }

    public string Id => Spec.NodeId;

    /// <summary>The fault in force at <paramref name="cycleFraction"/> of the fault cycle, if any.</summary>
    public NodeFault? FaultAt(double cycleFraction) =>
        _faults.FirstOrDefault(f => cycleFraction >= f.StartFraction && cycleFraction < f.EndFraction);

    public bool Hosts(string model) => Spec.HostedModels.Contains(model, StringComparer.Ordinal);

    /// <summary>
    /// The service time of one request in milliseconds, before time scaling: prefill and decode at the model's speed on
    /// this node (slowed by a brownout), log-normal noise, and the model's cold start if it is not loaded yet.
    /// </summary>
    public double ServiceMs(string model, int inputTokens, int outputTokens, NodeFault? fault)
    {
        var profile = _models.FirstOrDefault(m => m.Name == model) ?? _models[^1];
        var speed = Spec.SpeedFactor * (fault is { Kind: FaultKind.Brownout } b ? b.SpeedFactor : 1);
        double noise;
        bool cold;
        lock (_gate)
        {
            noise = Math.Exp(_noiseSigma * Gaussian());
            cold = _warm.Add(model);
        }

        var work = (profile.PrefillMsPer1kTokens * inputTokens / TokensPerThousand) + (profile.DecodeMsPerToken * outputTokens);
        return (work / speed * noise) + (cold ? profile.ColdStartMs : 0);
    }

    /// <summary>Runs one request: waits for a slot (counted as queued), then holds it for the service time.</summary>
    public async Task Serve(TimeSpan service, TimeProvider time, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            await _slots.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        Interlocked.Increment(ref _inFlight);
        try
        {
            if (service > TimeSpan.Zero)
            {
                await Task.Delay(service, time, cancellationToken);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            _slots.Release();
        }
    }

    public void Served(double serviceMs)
    {
        lock (_gate)
        {
            _meanServiceMs = _meanServiceMs == 0 ? serviceMs : _meanServiceMs + (EwmaAlpha * (serviceMs - _meanServiceMs));
        }
    }

    /// <summary>What the node's agent reports now.</summary>
    public MecNodeHeartbeat Heartbeat(NodeFault? fault)
    {
        lock (_gate)
        {
            return new MecNodeHeartbeat
            {
                InFlight = Math.Min(Volatile.Read(ref _inFlight), Spec.Capacity),
                QueueDepth = Volatile.Read(ref _waiting),
                MeanServiceMs = _meanServiceMs,
                Health = fault is { Kind: FaultKind.Brownout } ? NodeHealth.Degraded : NodeHealth.Healthy,
                WarmModels = [.. _warm.Order(StringComparer.Ordinal)],
            };
        }
    }

    // Box-Muller: a standard normal draw from two uniform ones.
    private double Gaussian() =>
        Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}
