using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>The persisted offer and the nonce its links carry.</summary>
public sealed record OfferState
{
    /// <summary>The offer; null until opened.</summary>
    public ConsentOffer? Offer { get; init; }

    /// <summary>The random value a link must carry to answer this offer.</summary>
    public string Nonce { get; init; } = string.Empty;

    /// <summary>The discipline of the visit, for the messages.</summary>
    public string Discipline { get; init; } = string.Empty;

    /// <summary>When the visit was booked before (reschedule offers), for the messages.</summary>
    public DateTimeOffset? OriginalStart { get; init; }

    /// <summary>The reply route the offer is listed in (SMS offers), so it can be removed once answered.</summary>
    public string? ReplyRouteKey { get; init; }
}
