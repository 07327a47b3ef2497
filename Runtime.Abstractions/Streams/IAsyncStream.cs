namespace Reroute.Runtime;

/// <summary>One stream: publish items, subscribe handlers. Items reach each subscriber in publish order.</summary>
public interface IAsyncStream<T>
{
    /// <summary>The stream's identity.</summary>
    StreamId StreamId { get; }

    /// <summary>Publishes one item.</summary>
    Task OnNextAsync(T item);

    /// <summary>
    /// Subscribes a handler. Called from a grain, the handler runs as a turn of that grain and the subscription
    /// lasts as long as the activation (re-subscribe in <c>OnActivateAsync</c>, as with Orleans' implicit subscriptions).
    /// </summary>
    Task<StreamSubscriptionHandle> SubscribeAsync(Func<T, StreamSequenceToken, Task> onNext);
}
