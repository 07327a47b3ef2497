namespace Reroute.Runtime.Tests.Grains;

public interface IInterleavingGrain : IGrainWithStringKey
{
    Task Work();

    Task<InterleavingReport> Report();
}
