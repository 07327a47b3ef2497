namespace Reroute.Silo.Api;

/// <summary>An inbound text message as the SMS provider's webhook posts it.</summary>
internal sealed record TextReply
{
    public required string From { get; init; }

    public required string Text { get; init; }
}
