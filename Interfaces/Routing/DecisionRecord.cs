namespace Reroute.Interfaces.Routing;

/// <summary>One entry of a tenant's decision history: when, what was decided and why, and how it went.</summary>
public sealed record DecisionRecord
{
    /// <summary>The request.</summary>
    public required string RequestId { get; init; }

    /// <summary>When the router decided.</summary>
    public DateTimeOffset DecidedAt { get; init; }

    /// <summary>The decision, with its rationale.</summary>
    public required RouteDecision Decision { get; init; }

    /// <summary>The outcome, once reported; null until then.</summary>
    public RouteOutcome? Outcome { get; init; }
}
