using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>
/// One idempotency key: the first request claims it, its response is stored, retries replay the response and a
/// different request under the same key is refused. A claim left running by a crash mid-request can be taken again by
/// the same request after the running limit.
/// </summary>
public sealed class IdempotencyKeyGrain([PersistentState("idempotency")] IPersistentState<IdempotencyKeyState> state) : Grain, IIdempotencyKeyGrain
{
    /// <inheritdoc />
    public async Task<IdempotencyClaim> Claim(string requestHash, TimeSpan lifetime, TimeSpan runningLimit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestHash);
        var now = Time.GetUtcNow();
        var current = state.State;
        var abandoned = !current.Completed && current.RequestHash == requestHash && current.ClaimedAt + runningLimit <= now;
        if (current.RequestHash is null || current.ClaimedAt + lifetime <= now || abandoned)
        {
            await state.ReplaceAsync(new IdempotencyKeyState { RequestHash = requestHash, ClaimedAt = now });
            return new IdempotencyClaim { Outcome = IdempotencyOutcome.Proceed };
        }

        if (current.RequestHash != requestHash)
        {
            return new IdempotencyClaim { Outcome = IdempotencyOutcome.Mismatch };
        }

        return current.Completed
            ? new IdempotencyClaim { Outcome = IdempotencyOutcome.Replay, StatusCode = current.StatusCode, ResponseJson = current.ResponseJson }
            : new IdempotencyClaim { Outcome = IdempotencyOutcome.InProgress };
    }

    /// <inheritdoc />
    public async Task Complete(string requestHash, int statusCode, string responseJson)
    {
        if (state.State.RequestHash == requestHash && !state.State.Completed)
        {
            await state.ReplaceAsync(state.State with { Completed = true, StatusCode = statusCode, ResponseJson = responseJson });
        }
    }

    /// <inheritdoc />
    public async Task Release(string requestHash)
    {
        if (state.State.RequestHash == requestHash && !state.State.Completed)
        {
            await state.ReplaceAsync(new IdempotencyKeyState());
        }
    }
}
