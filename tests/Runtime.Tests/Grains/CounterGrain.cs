namespace Reroute.Runtime.Tests.Grains;

/// <summary>Counts, and checks itself that no two of its turns ever overlap.</summary>
public sealed class CounterGrain : Grain, ICounterGrain
{
    private int _value;
    private int _inTurn;
    private int _overlaps;

    public Task<int> Increment()
    {
        Enter();
        _value++;
        Exit();
        return Task.FromResult(_value);
    }

    public async Task<int> IncrementAfterYield()
    {
        Enter();
        var before = _value;
        await Task.Yield();
        _value = before + 1;
        Exit();
        return _value;
    }

    public Task<CounterReport> Report() => Task.FromResult(new CounterReport(_value, _overlaps));

    private void Enter()
    {
        if (Interlocked.Exchange(ref _inTurn, 1) == 1)
        {
            Interlocked.Increment(ref _overlaps);
        }
    }

    private void Exit() => Volatile.Write(ref _inTurn, 0);
}
