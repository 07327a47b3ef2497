namespace Reroute.Runtime.Tests.Grains;

/// <summary>Activated by the first item on stream "implicit/{key}"; subscribes itself on activation.</summary>
[ImplicitStreamSubscription("implicit")]
public sealed class ImplicitSubscriberGrain : Grain, IImplicitSubscriberGrain
{
    private readonly List<int> _received = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = GetStreamProvider("Default").GetStream<int>(new StreamId("implicit", GetPrimaryKeyString()));
        await stream.SubscribeAsync((item, _) =>
        {
            _received.Add(item);
            Signals.Set($"implicit:{GetPrimaryKeyString()}:{_received.Count}", _received.ToArray());
            return Task.CompletedTask;
        });
    }

    public Task<IReadOnlyList<int>> Received() => Task.FromResult<IReadOnlyList<int>>(_received.ToArray());
}
