using Reroute.Runtime.Core;

namespace Reroute.Runtime.Timers;

/// <summary>
/// A timer of one activation. Each tick is a turn of the grain; the next tick is armed only after the callback has
/// finished, so ticks never pile up. Disposed with the activation: a timer never outlives it.
/// </summary>
internal sealed class GrainTimer(Activation activation, TimeProvider time, Func<CancellationToken, Task> callback, GrainTimerCreationOptions options) : IGrainTimer
{
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _cancellation = new();
    private readonly GrainMethod _method = new(activation.GrainId.Type, "Timer", "Timer", options.Interleave ? GrainMethodFlags.AlwaysInterleave : GrainMethodFlags.None, null);
    private ITimer? _timer;
    private TimeSpan _period = options.Period;
    private bool _disposed;

    public void Start()
    {
        lock (_lock)
        {
            _timer = time.CreateTimer(static state => ((GrainTimer)state!).Tick(), this, options.DueTime, Timeout.InfiniteTimeSpan);
        }
    }

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _period = period;
            _timer?.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer?.Dispose();
        }

        _cancellation.Cancel();
        activation.RemoveTimer(this);
    }

    private void Tick()
    {
        if (_disposed || !activation.IsLive)
        {
            Dispose();
            return;
        }

        GrainRequest request = options.KeepAlive ? new TickRequest(this) : new QuietTickRequest(this);
        request.RuntimeState = activation;
        activation.Receive(request).ContinueWith(
            static (_, state) => ((GrainTimer)state!).Rearm(),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void Rearm()
    {
        lock (_lock)
        {
            if (!_disposed && _period != Timeout.InfiniteTimeSpan)
            {
                _timer?.Change(_period, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private Task RunCallback(object grain)
        => _disposed || !ReferenceEquals(grain, activation.GrainInstance) ? Task.CompletedTask : callback(_cancellation.Token);

    private sealed class TickRequest(GrainTimer timer) : RuntimeRequest(timer._method)
    {
        public override Task Invoke(object grain) => timer.RunCallback(grain);
    }

    private sealed class QuietTickRequest(GrainTimer timer) : RuntimeRequest(timer._method), IQuietRequest
    {
        public override Task Invoke(object grain) => timer.RunCallback(grain);
    }
}
