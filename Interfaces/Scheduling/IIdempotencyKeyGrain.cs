namespace Reroute.Interfaces.Scheduling;

/// <summary>
/// One client-chosen <c>Idempotency-Key</c> of one tenant (key <c>{tenant}/{idempotencyKey}</c>): which request it
/// was first used for and the response that request got, so a retry gets the same response without a second effect.
/// </summary>
public interface IIdempotencyKeyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Claims the key for the request whose fingerprint is <paramref name="requestHash"/>: proceed when new (or expired
    /// after <paramref name="lifetime"/>), replay when the same request completed, conflict when it differs or is running.
    /// The same request claimed <paramref name="runningLimit"/> ago and never completed or released (its silo died
    /// mid-request) proceeds again, so a client's retry is not refused for the key's whole lifetime.
    /// </summary>
    Task<IdempotencyClaim> Claim(string requestHash, TimeSpan lifetime, TimeSpan runningLimit);

    /// <summary>Stores the response of the claimed request.</summary>
    Task Complete(string requestHash, int statusCode, string responseJson);

    /// <summary>Gives up the claim without a response (the request was refused and changed nothing), so the key can be reused.</summary>
    Task Release(string requestHash);
}
