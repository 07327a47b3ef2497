using RabbitMQ.Client;

namespace Reroute.Runtime.Cluster;

/// <summary>
/// One delivery from a partition queue, holding one call or a batch of them. It is settled once, when every call in
/// it is done: acknowledged, or handed back when any call asked to be tried again (the calls already answered are then
/// answered again from the de-duplication memory, not run twice).
/// </summary>
internal sealed class IncomingDelivery(IChannel channel, ulong deliveryTag, long deliveryCount, bool redelivered, int calls)
{
    private int _remaining = calls;
    private int _requeue;

    public IChannel Channel { get; } = channel;

    public ulong DeliveryTag { get; } = deliveryTag;

    /// <summary>How often the broker delivered this message before (its <c>x-delivery-count</c>).</summary>
    public long DeliveryCount { get; } = deliveryCount;

    /// <summary>Whether the broker delivered this message before (to a consumer that went away, or that handed it back).</summary>
    public bool Redelivered { get; } = redelivered || deliveryCount > 0;

    /// <summary>Marks one call done; true for the last one, with whether the message goes back to the queue.</summary>
    public bool Done(bool requeue, out bool handBack)
    {
        if (requeue)
        {
            Volatile.Write(ref _requeue, 1);
        }

        var last = Interlocked.Decrement(ref _remaining) == 0;
        handBack = last && Volatile.Read(ref _requeue) == 1;
        return last;
    }
}
