using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>When a consent offer stops taking answers.</summary>
public static class OfferDeadline
{
    /// <summary>
    /// The expiry of an offer opened at <paramref name="now"/>: its lifetime, but never later than the last moment the
    /// slot still gives the tenant's minimum notice. An acceptance after that would book a visit the patient cannot be
    /// given notice of, or one already in the past.
    /// </summary>
    public static DateTimeOffset ExpiresAt(DateTimeOffset now, TimeSpan lifetime, DateTimeOffset slotStart, TimeSpan minimumNotice)
    {
        var lifetimeEnd = now + lifetime;
        var lastWithNotice = (slotStart - minimumNotice).ToOffset(now.Offset);
        return lastWithNotice < lifetimeEnd ? lastWithNotice : lifetimeEnd;
    }

    /// <summary>
    /// Whether an open offer can no longer be accepted at <paramref name="now"/>. The slot's start counts too: offers
    /// stored before expiries were capped carry a deadline that may lie after it.
    /// </summary>
    public static bool HasPassed(ConsentOffer offer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return now >= offer.ExpiresAt || now >= offer.Slot.Start;
    }
}
