namespace Reroute.Runtime.Tests.Grains;

/// <summary>A normal grain: Pass calls take turns.</summary>
public sealed class GateGrain : Grain, IGateGrain
{
    private int _started;

    public async Task<int> Pass(string gate)
    {
        var started = Interlocked.Increment(ref _started);
        Signals.Set($"{gate}:started:{started}");
        await Signals.Wait(gate);
        return started;
    }

    public Task<int> Peek(string gate) => Pass(gate);

    public Task<int> Started() => Task.FromResult(Volatile.Read(ref _started));
}
