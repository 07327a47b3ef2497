namespace Reroute.Runtime.Core;

/// <summary>
/// Runs one activation's work one piece at a time. A caller that finds the activation idle runs its turn inline on
/// its own thread (the fast path: no thread hop); everything else, await continuations included, is queued and
/// drained on the thread pool. Because turns run as tasks of this scheduler, an <c>await</c> inside a grain resumes
/// here, so even interleaving requests of a reentrant grain never run in parallel.
/// </summary>
internal sealed class ActivationScheduler : TaskScheduler, IThreadPoolWorkItem
{
    private const int DrainBatch = 64;

    private readonly Lock _lock = new();
    private Queue<Task>? _queue;
    private int _ownerThread;
    private bool _drainScheduled;

    /// <summary>Takes the scheduler for the current thread if nothing else runs or waits; pair with <see cref="Exit"/>.</summary>
    public bool TryEnter()
    {
        lock (_lock)
        {
            if (_ownerThread != 0 || _drainScheduled || _queue is { Count: > 0 })
            {
                return false;
            }

            _ownerThread = Environment.CurrentManagedThreadId;
            return true;
        }
    }

    /// <summary>Runs a task on the entered scheduler, on this thread (the scheduler's inline check admits its owner).</summary>
    public void RunEntered(Task task) => task.RunSynchronously(this);

    /// <summary>Gives the scheduler back; work queued meanwhile is drained on the thread pool.</summary>
    public void Exit()
    {
        lock (_lock)
        {
            _ownerThread = 0;
            ScheduleDrainIfNeeded();
        }
    }

    /// <summary>Queues a task to run after everything queued before it.</summary>
    public void Enqueue(Task task) => task.Start(this);

    protected override void QueueTask(Task task)
    {
        lock (_lock)
        {
            (_queue ??= new Queue<Task>()).Enqueue(task);
            if (_ownerThread == 0)
            {
                ScheduleDrainIfNeeded();
            }
        }
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued)
        => !taskWasPreviouslyQueued && _ownerThread == Environment.CurrentManagedThreadId && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_lock)
        {
            return _queue?.ToArray() ?? [];
        }
    }

    public override int MaximumConcurrencyLevel => 1;

    void IThreadPoolWorkItem.Execute()
    {
        lock (_lock)
        {
            _drainScheduled = false;
            if (_ownerThread != 0)
            {
                return;
            }

            _ownerThread = Environment.CurrentManagedThreadId;
        }

        // A bounded batch, then yield the thread: one busy activation must not starve the others.
        for (var i = 0; i < DrainBatch; i++)
        {
            Task? next;
            lock (_lock)
            {
                if (_queue is not { Count: > 0 })
                {
                    break;
                }

                next = _queue.Dequeue();
            }

            TryExecuteTask(next);
        }

        Exit();
    }

    private void ScheduleDrainIfNeeded()
    {
        if (!_drainScheduled && _queue is { Count: > 0 })
        {
            _drainScheduled = true;
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }
}
