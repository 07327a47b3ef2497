using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>The persisted review queue of one tenant.</summary>
public sealed record EscalationState
{
    /// <summary>Every case, oldest first.</summary>
    public IReadOnlyList<EscalationCase> Cases { get; init; } = [];
}
