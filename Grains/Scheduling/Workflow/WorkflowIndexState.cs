using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>The persisted list of a tenant's workflows.</summary>
public sealed record WorkflowIndexState
{
    /// <summary>Every workflow, in the order they started.</summary>
    public IReadOnlyList<WorkflowListing> Workflows { get; init; } = [];
}
