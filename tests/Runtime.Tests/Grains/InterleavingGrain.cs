namespace Reroute.Runtime.Tests.Grains;

/// <summary>A reentrant grain: requests interleave at awaits, but its code must never run on two threads at once.</summary>
[Reentrant]
public sealed class InterleavingGrain : Grain, IInterleavingGrain
{
    private int _inRequests;
    private int _maxRequests;
    private int _executing;
    private int _parallel;

    public async Task Work()
    {
        Section();
        _inRequests++;
        _maxRequests = Math.Max(_maxRequests, _inRequests);
        await Task.Yield();
        Section();
        await Task.Yield();
        Section();
        _inRequests--;
    }

    public Task<InterleavingReport> Report() => Task.FromResult(new InterleavingReport(_maxRequests, _parallel));

    private void Section()
    {
        if (Interlocked.Exchange(ref _executing, 1) == 1)
        {
            Interlocked.Increment(ref _parallel);
        }

        Thread.SpinWait(200);
        Volatile.Write(ref _executing, 0);
    }
}
