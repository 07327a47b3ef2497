namespace Reroute.Runtime.Tests.Grains;

public sealed class ContextGrain : Grain, IContextGrain
{
    public Task<string> ThroughTo(string next) => GrainFactory.GetGrain<IContextGrain>(next).Seen();

    public Task<string> Seen() => Task.FromResult($"{RequestContext.CorrelationId}|{RequestContext.Tenant}");
}
