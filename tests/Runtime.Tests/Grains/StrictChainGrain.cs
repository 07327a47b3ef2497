namespace Reroute.Runtime.Tests.Grains;

/// <summary>Calls a plain chain grain which calls this grain back: a cycle this class refuses.</summary>
[DisallowCallChainReentrancy]
public sealed class StrictChainGrain : Grain, IStrictChainGrain
{
    public Task<string> Start(string next) => GrainFactory.GetGrain<IChainGrain>(next).MiddleToStrict(GetPrimaryKeyString());

    public Task<string> Leaf() => Task.FromResult("never");
}
