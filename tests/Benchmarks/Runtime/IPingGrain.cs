namespace Reroute.Benchmarks.Runtime;

public interface IPingGrain : IGrainWithStringKey
{
    Task<int> Ping(int value);

    Task<int> PingYield(int value);
}
