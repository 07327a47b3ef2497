namespace Reroute.Interfaces.Scheduling;

/// <summary>The list of one tenant's rescheduling workflows (key: the tenant), for finding them by status.</summary>
public interface IWorkflowIndexGrain : IGrainWithStringKey
{
    /// <summary>Adds or updates a workflow's listing.</summary>
    Task Record(WorkflowListing listing);

    /// <summary>At most <paramref name="limit"/> workflows, newest first; only those with <paramref name="status"/> when given.</summary>
    [ReadOnly]
    Task<IReadOnlyList<WorkflowListing>> List(WorkflowStatus? status, int limit);
}
