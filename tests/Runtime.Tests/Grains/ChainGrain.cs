namespace Reroute.Runtime.Tests.Grains;

public sealed class ChainGrain : Grain, IChainGrain
{
    public Task<string> Start(string next, string back) => GrainFactory.GetGrain<IChainGrain>(next).Middle(back);

    public async Task<string> Middle(string back) => "via " + GetPrimaryKeyString() + ": " + await GrainFactory.GetGrain<IChainGrain>(back).Leaf();

    public Task<string> Leaf() => Task.FromResult("leaf " + GetPrimaryKeyString());

    public Task<string> MiddleToStrict(string back) => GrainFactory.GetGrain<IStrictChainGrain>(back).Leaf();

    public async Task<string> Hang(string gate)
    {
        await Signals.Get(gate).Task;
        return "released";
    }
}
