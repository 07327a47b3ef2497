namespace Reroute.Interfaces.Scheduling;

/// <summary>
/// One consent offer (key <c>{tenant}/{offerId}</c>): sends the message on the patient's channel, takes one answer, and
/// expires by a durable reminder when none comes.
/// </summary>
public interface IOfferGrain : IGrainWithStringKey, IRemindable
{
    /// <summary>
    /// Opens and sends the offer, expiring after the offer lifetime or when its slot comes inside the tenant's minimum
    /// notice, whichever is first; a slot already inside it gives an offer that is expired at once and never sent.
    /// Opening it again returns the first offer and sends nothing.
    /// </summary>
    Task<ConsentOffer> Open(OfferRequest request);

    /// <summary>The offer; null when it was never opened.</summary>
    [ReadOnly]
    Task<ConsentOffer?> Get();

    /// <summary>
    /// Takes the patient's answer. Only the first valid answer before expiry counts; any later one, a wrong nonce, or an
    /// answer after expiry changes nothing and says why.
    /// </summary>
    Task<OfferReplyResult> Reply(OfferReply reply);

    /// <summary>Marks the offer expired if it is still open and its time has passed; returns the offer.</summary>
    Task<ConsentOffer> ExpireIfDue();

    /// <summary>Sends the booking confirmation for an accepted offer on its channel; sending it again sends nothing.</summary>
    Task Confirm();

    /// <summary>Withdraws the offer if it is still open; returns the offer.</summary>
    Task<ConsentOffer> Withdraw();
}
