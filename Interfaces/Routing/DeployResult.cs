using System.Collections.Immutable;

namespace Reroute.Interfaces.Routing;

/// <summary>The answer to a deploy: what happened, what was evicted to make room, and when the model is ready.</summary>
public sealed record DeployResult
{
    /// <summary>What happened.</summary>
    public DeployOutcome Outcome { get; init; }

    /// <summary>Models evicted to make room, in eviction order.</summary>
    public ImmutableArray<string> Evicted { get; init; } = [];

    /// <summary>When the model is (or will be) warm; null when it is not being deployed.</summary>
    public DateTimeOffset? ReadyAt { get; init; }
}
