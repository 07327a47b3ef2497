using System.Collections.Immutable;

namespace Reroute.Interfaces.Routing;

/// <summary>A tenant's routing decisions for one day (key "{tenant}/{yyyy-MM-dd}"), bounded, newest first.</summary>
public interface IDecisionLogGrain : IGrainWithStringKey
{
    /// <summary>Appends a decision; the oldest entries go once the log is full.</summary>
    Task Append(DecisionRecord record);

    /// <summary>Attaches an outcome to its decision; false when the decision is not in this log.</summary>
    Task<bool> RecordOutcome(RouteOutcome outcome);

    /// <summary>The latest decision for the request in this log; null when it is not here.</summary>
    [ReadOnly]
    Task<DecisionRecord?> Find(string requestId);

    /// <summary>Up to <paramref name="limit"/> decisions, newest first.</summary>
    [ReadOnly]
    Task<ImmutableArray<DecisionRecord>> Recent(int limit);
}
