namespace Reroute.Runtime.Tests.Grains;

public interface IStrictChainGrain : IGrainWithStringKey
{
    Task<string> Start(string next);

    Task<string> Leaf();
}
