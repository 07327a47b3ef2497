namespace Reroute.Interfaces.Scheduling;

/// <summary>What an answer did to an offer.</summary>
public sealed record OfferReplyResult
{
    /// <summary>Whether it took effect, and if not, why.</summary>
    public required OfferReplyOutcome Outcome { get; init; }

    /// <summary>The offer as it is after the answer.</summary>
    public required ConsentOffer Offer { get; init; }
}
