namespace Reroute.Runtime.Cluster;

/// <summary>A call published to another partition and waiting for its reply; kept to publish it again after a reconnection.</summary>
internal sealed class OutgoingCall(string messageId, GrainId target, GrainRequest request, string queue, byte[] body)
{
    public string MessageId { get; } = messageId;

    public GrainId Target { get; } = target;

    public GrainRequest Request { get; } = request;

    /// <summary>The partition's queue.</summary>
    public string Queue { get; } = queue;

    public byte[] Body { get; } = body;

    /// <summary>Whether the broker confirmed the request (later, only a lost reply can make it publish again).</summary>
    public volatile bool Confirmed;
}
