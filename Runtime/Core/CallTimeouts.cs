using System.Collections.Concurrent;

namespace Reroute.Runtime.Core;

/// <summary>
/// Fails calls that wait longer than their timeout. One periodic sweep instead of a timer per call: calls that complete
/// at once (the common case) are never tracked at all.
/// </summary>
internal sealed class CallTimeouts : IDisposable
{
    private readonly ConcurrentDictionary<GrainRequest, GrainId> _pending = new(ReferenceEqualityComparer.Instance);
    private readonly TimeProvider _time;
    private readonly TimeSpan _defaultTimeout;
    private readonly ITimer _sweep;

    public CallTimeouts(TimeProvider time, TimeSpan defaultTimeout, TimeSpan interval)
    {
        _time = time;
        _defaultTimeout = defaultTimeout;
        _sweep = time.CreateTimer(static state => ((CallTimeouts)state!).Sweep(), this, interval, interval);
    }

    public int Count => _pending.Count;

    public void Track(GrainRequest request, GrainId target)
    {
        var timeout = request.Method.Timeout ?? _defaultTimeout;
        request.DeadlineTimestamp = _time.GetTimestamp() + (long)(timeout.TotalSeconds * _time.TimestampFrequency);
        _pending[request] = target;
    }

    public void Untrack(GrainRequest request) => _pending.TryRemove(request, out _);

    public void Sweep()
    {
        var now = _time.GetTimestamp();
        foreach (var (request, target) in _pending)
        {
            if (request.DeadlineTimestamp <= now && _pending.TryRemove(request, out _))
            {
                var timeout = request.Method.Timeout ?? _defaultTimeout;
                var chain = request.CallChain is { } link ? $" Call chain: {link.Describe()} → {target}.{request.Method.Name}." : string.Empty;
                request.TryFail(new TimeoutException(
                    $"Call to {target}.{request.Method.Name} ({request.Method.DisplayName}) did not complete within {timeout}.{chain}"));
            }
        }
    }

    public void FailAll(Func<GrainId, GrainRequest, Exception> reason)
    {
        foreach (var (request, target) in _pending)
        {
            if (_pending.TryRemove(request, out _))
            {
                request.TryFail(reason(target, request));
            }
        }
    }

    public void Dispose() => _sweep.Dispose();
}
