using System.Collections.Concurrent;

namespace Reroute.Runtime.Core;

/// <summary>
/// The live activations of this silo by grain id, and the collector that deactivates idle ones. Time is counted in
/// collection ticks (one per quantum) so recording activity costs a field write, not a clock read.
/// </summary>
internal sealed class Catalog : IDisposable
{
    private readonly ConcurrentDictionary<GrainId, DispatchTarget> _targets = new();
    private readonly GrainRuntime _runtime;
    private readonly TimeSpan _quantum;
    private readonly int _ageTicks;
    private readonly ITimer _collector;
    private int _tick;

    public Catalog(GrainRuntime runtime, TimeProvider time, TimeSpan collectionAge, TimeSpan quantum)
    {
        _runtime = runtime;
        _quantum = quantum;
        _ageTicks = TicksFor(collectionAge);
        _collector = time.CreateTimer(static state => ((Catalog)state!).Collect(), this, quantum, quantum);
    }

    public int CurrentTick => Volatile.Read(ref _tick);

    public int Count => _targets.Count;

    public int TicksFor(TimeSpan period) => (int)Math.Ceiling(period.Ticks / (double)_quantum.Ticks);

    public DispatchTarget GetOrCreate(GrainId grainId)
    {
        if (_targets.TryGetValue(grainId, out var target))
        {
            return target;
        }

        var grainClass = _runtime.Classes.Get(grainId);
        DispatchTarget created = grainClass.StatelessWorker is { } worker
            ? new StatelessWorkerPool(_runtime, grainClass, grainId, worker.MaxLocalWorkers > 0 ? worker.MaxLocalWorkers : _runtime.Options.StatelessWorkerMaxActivations)
            : new Activation(_runtime, grainClass, grainId);
        return _targets.GetOrAdd(grainId, created);
    }

    /// <summary>The live activation (or worker pool) of a grain here, if there is one.</summary>
    public DispatchTarget? Find(GrainId grainId) => _targets.TryGetValue(grainId, out var target) ? target : null;

    public void Remove(Activation activation)
    {
        if (!_targets.TryGetValue(activation.GrainId, out var target))
        {
            return;
        }

        if (target is StatelessWorkerPool pool)
        {
            pool.Remove(activation);
        }
        else
        {
            _targets.TryRemove(KeyValuePair.Create(activation.GrainId, target));
        }
    }

    public IEnumerable<Activation> Activations()
    {
        foreach (var target in _targets.Values)
        {
            if (target is Activation activation)
            {
                yield return activation;
            }
            else if (target is StatelessWorkerPool pool)
            {
                foreach (var worker in pool.Workers)
                {
                    yield return worker;
                }
            }
        }
    }

    /// <summary>One collection pass; runs every quantum.</summary>
    public void Collect()
    {
        var tick = Interlocked.Increment(ref _tick);
        foreach (var activation in Activations())
        {
            if (activation.IsCollectible(tick, _ageTicks))
            {
                _ = activation.DeactivateAsync(new DeactivationReason(DeactivationReasonCode.ActivationIdle, "Idle longer than the collection age."));
            }
        }
    }

    public void Dispose() => _collector.Dispose();
}
