namespace Reroute.Interfaces.Scheduling;

/// <summary>A patient's answer as an inbound channel delivers it.</summary>
public sealed record OfferReply
{
    /// <summary>Accept or decline.</summary>
    public required OfferAnswer Answer { get; init; }

    /// <summary>The token nonce the answer carried; must be the offer's own.</summary>
    public required string Nonce { get; init; }

    /// <summary>How it arrived.</summary>
    public ReplyChannel Via { get; init; } = ReplyChannel.Link;
}
