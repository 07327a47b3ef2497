namespace Reroute.Runtime.Core;

/// <summary>
/// The local activations of one stateless worker id. A call goes to an idle worker, else to a new one while under the
/// limit, else round-robin to a busy one (where it queues behind that worker's turn).
/// </summary>
internal sealed class StatelessWorkerPool(GrainRuntime runtime, GrainClass grainClass, GrainId grainId, int maxWorkers) : DispatchTarget
{
    private readonly Lock _lock = new();
    private Activation[] _workers = [];
    private int _next;

    public override bool IsLive => true;

    public int Count => _workers.Length;

    public IReadOnlyList<Activation> Workers => _workers;

    public override Task Receive(GrainRequest request) => Pick().Receive(request);

    /// <summary>Takes a call that waited at a worker that has since gone; it keeps its caller's task.</summary>
    public Task ReceiveForwarded(GrainRequest request) => Pick().Receive(request, forwarded: true);

    private Activation Pick()
    {
        var workers = _workers;
        foreach (var worker in workers)
        {
            if (worker.IsIdle && worker.IsLive)
            {
                return worker;
            }
        }

        lock (_lock)
        {
            if (_workers.Length < maxWorkers)
            {
                var worker = new Activation(runtime, grainClass, grainId);
                _workers = [.. _workers, worker];
                return worker;
            }

            // All busy: queue at a live worker, round-robin; a deactivating one would only pass the call on again.
            for (var tries = 0; tries < _workers.Length; tries++)
            {
                var candidate = _workers[(int)((uint)_next++ % (uint)_workers.Length)];
                if (candidate.IsLive)
                {
                    return candidate;
                }
            }

            var replacement = new Activation(runtime, grainClass, grainId);
            _workers = [.. _workers.Where(static w => w.IsLive), replacement];
            return replacement;
        }
    }

    public void Remove(Activation worker)
    {
        lock (_lock)
        {
            _workers = [.. _workers.Where(w => !ReferenceEquals(w, worker))];
        }
    }
}
