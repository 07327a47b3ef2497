using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>
/// A tenant's decisions for one day, bounded by <see cref="RoutingGrainOptions.DecisionLogCapacity"/>. Writes are batched:
/// a log is stored whole, so it is written when <see cref="RoutingGrainOptions.DecisionLogFlushBatch"/> decisions are
/// waiting, every <see cref="RoutingGrainOptions.DecisionLogFlushInterval"/> on the silo clock, and on deactivation.
/// </summary>
public sealed class DecisionLogGrain(
    [PersistentState("decisions")] IPersistentState<DecisionLogState> state,
    IOptions<RoutingGrainOptions> options) : Grain, IDecisionLogGrain
{
    private readonly RoutingGrainOptions _options = options.Value;
    private int _unwritten;

    private int Capacity => Math.Max(1, _options.DecisionLogCapacity);

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        RegisterGrainTimer(_ => Flush(), _options.DecisionLogFlushInterval, _options.DecisionLogFlushInterval);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Flush();

    /// <inheritdoc />
    public async Task Append(DecisionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var records = state.State.Records;
        records.Add(record);
        if (records.Count > Capacity)
        {
            records.RemoveRange(0, records.Count - Capacity);
        }

        await Changed();
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
        await Changed();
        return true;
    }

    /// <inheritdoc />
    public Task<DecisionRecord?> Find(string requestId)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        var records = state.State.Records;
        var at = records.FindLastIndex(r => string.Equals(r.RequestId, requestId, StringComparison.Ordinal));
        return Task.FromResult(at < 0 ? null : records[at]);
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

    private Task Changed() => ++_unwritten >= _options.DecisionLogFlushBatch ? Flush() : Task.CompletedTask;

    private async Task Flush()
    {
        if (_unwritten == 0)
        {
            return;
        }

        await state.WriteStateAsync();

        // Only after the write: a failed write leaves the log marked unwritten, so the next flush tries again.
        _unwritten = 0;
    }
}
