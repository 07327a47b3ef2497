namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>The workflow handling a provider's unavailability window, while it runs.</summary>
public sealed record TriggerWindowState
{
    /// <summary>The running workflow; null when none runs.</summary>
    public string? RunningWorkflowId { get; init; }
}
