using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>A tenant's workflows by status; each workflow reports when it starts and when it ends.</summary>
public sealed class WorkflowIndexGrain([PersistentState("workflows")] IPersistentState<WorkflowIndexState> state) : Grain, IWorkflowIndexGrain
{
    /// <inheritdoc />
    public async Task Record(WorkflowListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var workflows = state.State.Workflows;
        var index = -1;
        for (var i = workflows.Count - 1; i >= 0; i--)
        {
            if (workflows[i].WorkflowId == listing.WorkflowId)
            {
                index = i;
                break;
            }
        }

        if (index >= 0 && workflows[index] == listing)
        {
            return;
        }

        List<WorkflowListing> next = [.. workflows];
        if (index >= 0)
        {
            next[index] = listing;
        }
        else
        {
            next.Add(listing);
        }

        await state.ReplaceAsync(new WorkflowIndexState { Workflows = next });
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WorkflowListing>> List(WorkflowStatus? status, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        IReadOnlyList<WorkflowListing> found = [.. state.State.Workflows.Reverse().Where(w => status is null || w.Status == status).Take(limit)];
        return Task.FromResult(found);
    }
}
