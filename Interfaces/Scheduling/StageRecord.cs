namespace Reroute.Interfaces.Scheduling;

/// <summary>When one stage of a workflow ran, and what it found (counts only, no PHI).</summary>
public sealed record StageRecord
{
    /// <summary>The stage.</summary>
    public required WorkflowStage Stage { get; init; }

    /// <summary>When the stage started; null while it has not.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the stage finished; null while it runs or waits.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>What the stage found, as counts and ids.</summary>
    public string Note { get; init; } = "";
}
