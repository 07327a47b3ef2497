namespace Reroute.Benchmarks.Runtime;

public sealed class PingGrain : Grain, IPingGrain
{
    private int _count;

    public Task<int> Ping(int value) => Task.FromResult(value + ++_count);

    public async Task<int> PingYield(int value)
    {
        await Task.Yield();
        return value + ++_count;
    }
}
