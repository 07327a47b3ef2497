using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>Where a text reply from one phone goes: the oldest open offer sent to it.</summary>
public sealed class ReplyRouteGrain([PersistentState("reply-route")] IPersistentState<ReplyRouteState> state) : Grain, IReplyRouteGrain
{
    /// <inheritdoc />
    public async Task Add(string offerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(offerId);
        if (!state.State.OfferIds.Contains(offerId))
        {
            await state.ReplaceAsync(new ReplyRouteState { OfferIds = [.. state.State.OfferIds, offerId] });
        }
    }

    /// <inheritdoc />
    public async Task Remove(string offerId)
    {
        if (state.State.OfferIds.Contains(offerId))
        {
            await state.ReplaceAsync(new ReplyRouteState { OfferIds = [.. state.State.OfferIds.Where(id => id != offerId)] });
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> List() => Task.FromResult(state.State.OfferIds);
}
