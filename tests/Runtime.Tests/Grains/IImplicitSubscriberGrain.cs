namespace Reroute.Runtime.Tests.Grains;

public interface IImplicitSubscriberGrain : IGrainWithStringKey
{
    Task<IReadOnlyList<int>> Received();
}
