namespace Reroute.Runtime.Cluster;

/// <summary>A reply on its way to a caller's reply queue; <see cref="Sent"/> says whether the broker confirmed it.</summary>
internal sealed class OutgoingReply(string replyTo, string? correlationId, byte[] body)
{
    public string ReplyTo { get; } = replyTo;

    public string? CorrelationId { get; } = correlationId;

    public byte[] Body { get; } = body;

    public TaskCompletionSource<bool> Sent { get; } = new();
}
