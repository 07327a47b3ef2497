namespace Reroute.Runtime.Cluster;

/// <summary>
/// What a silo has published since it started: calls and replies, and the broker messages they went in. Calls per
/// message above one show batching under load; near one, each call pays the broker's per-message cost alone.
/// </summary>
/// <param name="Calls">Calls published to partition queues (each publish of a retried call counts).</param>
/// <param name="CallMessages">Broker messages those calls went in.</param>
/// <param name="Replies">Replies published to callers' reply queues.</param>
/// <param name="ReplyMessages">Broker messages those replies went in.</param>
public sealed record ClusterTraffic(long Calls, long CallMessages, long Replies, long ReplyMessages)
{
    /// <summary>Nothing sent (embedded mode).</summary>
    public static ClusterTraffic None { get; } = new(0, 0, 0, 0);
}
