namespace Reroute.Runtime.Tests.Grains;

public interface IBrokenGrain : IGrainWithStringKey
{
    Task<string> Hello();
}
