namespace Reroute.Runtime.Tests.Grains;

public interface IStreamSubscriberGrain : IGrainWithStringKey
{
    Task Subscribe(string streamKey, int expected);

    Task<IReadOnlyList<int>> Received();
}
