using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>A tenant's decisions for one day, bounded by <see cref="RoutingGrainOptions.DecisionLogCapacity"/>.</summary>
public sealed class DecisionLogGrain(
    [PersistentState("decisions")] IPersistentState<DecisionLogState> state,
    IOptions<RoutingGrainOptions> options) : Grain, IDecisionLogGrain
{
    private readonly int _capacity = Math.Max(1, options.Value.DecisionLogCapacity);

    /// <inheritdoc />
    public async Task Append(DecisionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var records = state.State.Records;
        records.Add(record);
        if (records.Count > _capacity)
        {
            records.RemoveRange(0, records.Count - _capacity);
        }

        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task<bool> RecordOutcome(RouteOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var records = state.State.Records;
        var at = records.FindLastIndex(r => string.Equals(r.RequestId, outcome.RequestId, StringComparison.Ordinal));
        if (at < 0)
        {
            return false;
        }

        records[at] = records[at] with { Outcome = outcome };
        await state.WriteStateAsync();
        return true;
    }

    /// <inheritdoc />
    public Task<ImmutableArray<DecisionRecord>> Recent(int limit)
    {
        var records = state.State.Records;
        var count = Math.Clamp(limit, 0, records.Count);
        var newest = ImmutableArray.CreateBuilder<DecisionRecord>(count);
        for (var i = records.Count - 1; i >= records.Count - count; i--)
        {
            newest.Add(records[i]);
        }

        return Task.FromResult(newest.MoveToImmutable());
    }
}
