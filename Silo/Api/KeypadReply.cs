namespace Reroute.Silo.Api;

/// <summary>A digit pressed during an automated call, as the IVR provider's webhook posts it (the call's message id is the offer id).</summary>
internal sealed record KeypadReply
{
    public required string MessageId { get; init; }

    public required string Digits { get; init; }
}
