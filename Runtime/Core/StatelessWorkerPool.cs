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

            var index = (int)((uint)_next++ % (uint)_workers.Length);
            return _workers[index];
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
