using Reroute.Runtime.Core;

namespace Reroute.Runtime.Streams;

/// <summary>One handler on one stream; a grain's handler runs as a turn of its activation and goes with it.</summary>
internal sealed class StreamSubscription(MemoryStreamChannel channel, Activation? owner, Func<object, StreamSequenceToken, Task> handler) : StreamSubscriptionHandle
{
    public override StreamId StreamId => channel.StreamId;

    public Activation? Owner => owner;

    public override Task UnsubscribeAsync()
    {
        Remove();
        return Task.CompletedTask;
    }

    public void Remove()
    {
        channel.Remove(this);
        owner?.RemoveSubscription(this);
    }

    public Task Deliver(object item, StreamSequenceToken token)
        => owner is null ? handler(item, token) : owner.Receive(new DeliveryRequest(this, item, token, owner.GrainId.Type));

    private sealed class DeliveryRequest(StreamSubscription subscription, object item, StreamSequenceToken token, string grainType)
        : RuntimeRequest(new GrainMethod(grainType, "OnNextAsync", "OnNextAsync", GrainMethodFlags.None, null))
    {
        public override Task Invoke(object grain)
            => ReferenceEquals(grain, subscription.Owner?.GrainInstance) ? subscription.DeliverDirect(item, token) : Task.CompletedTask;
    }

    private Task DeliverDirect(object item, StreamSequenceToken token) => handler(item, token);
}
