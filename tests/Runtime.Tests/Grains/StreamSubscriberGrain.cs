namespace Reroute.Runtime.Tests.Grains;

/// <summary>Subscribes explicitly and records what arrives; signals once it has the expected count.</summary>
public sealed class StreamSubscriberGrain : Grain, IStreamSubscriberGrain
{
    private readonly List<int> _received = [];

    public async Task Subscribe(string streamKey, int expected)
    {
        var stream = GetStreamProvider("Default").GetStream<int>(new StreamId("numbers", streamKey));
        await stream.SubscribeAsync((item, _) =>
        {
            _received.Add(item);
            if (_received.Count == expected)
            {
                Signals.Set($"stream:{GetPrimaryKeyString()}", _received.ToArray());
            }

            return Task.CompletedTask;
        });
    }

    public Task<IReadOnlyList<int>> Received() => Task.FromResult<IReadOnlyList<int>>(_received.ToArray());
}
