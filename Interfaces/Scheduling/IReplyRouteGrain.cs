namespace Reroute.Interfaces.Scheduling;

/// <summary>
/// Where a text reply from one phone goes (key <c>{tenant}/sms-{hash of the number}</c>, so no number is stored in a
/// key): the open offers sent to it, oldest first. A reply answers the oldest.
/// </summary>
public interface IReplyRouteGrain : IGrainWithStringKey
{
    /// <summary>Adds an offer sent to the phone.</summary>
    Task Add(string offerId);

    /// <summary>Removes an offer that is no longer open.</summary>
    Task Remove(string offerId);

    /// <summary>The open offers sent to the phone, oldest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<string>> List();
}
