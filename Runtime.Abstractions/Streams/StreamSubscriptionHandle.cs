namespace Reroute.Runtime;

/// <summary>A live subscription; unsubscribe to stop receiving.</summary>
public abstract class StreamSubscriptionHandle
{
    /// <summary>The stream subscribed to.</summary>
    public abstract StreamId StreamId { get; }

    /// <summary>Ends the subscription.</summary>
    public abstract Task UnsubscribeAsync();
}
