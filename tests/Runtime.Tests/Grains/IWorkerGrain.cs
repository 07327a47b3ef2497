namespace Reroute.Runtime.Tests.Grains;

public interface IWorkerGrain : IGrainWithStringKey
{
    Task<int> Pass(string gate);
}
