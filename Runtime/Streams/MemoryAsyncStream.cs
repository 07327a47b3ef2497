using Reroute.Runtime.Core;

namespace Reroute.Runtime.Streams;

internal sealed class MemoryAsyncStream<T>(MemoryStreamChannel channel) : IAsyncStream<T>
{
    public StreamId StreamId => channel.StreamId;

    public Task OnNextAsync(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return channel.Publish(item);
    }

    public Task<StreamSubscriptionHandle> SubscribeAsync(Func<T, StreamSequenceToken, Task> onNext)
    {
        ArgumentNullException.ThrowIfNull(onNext);
        var owner = CallScope.Current?.Activation;
        StreamSubscriptionHandle handle = channel.Add(owner, (item, token) => onNext((T)item, token));
        return Task.FromResult(handle);
    }
}
