namespace Reroute.Runtime.Tests.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    Task<int> IncrementAfterYield();

    [ReadOnly]
    Task<CounterReport> Report();
}
