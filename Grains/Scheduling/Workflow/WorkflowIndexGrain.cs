using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>
/// One shard of a tenant's workflow list; each workflow reports to its shard when it starts and when it ends, and
/// <see cref="ReschedulingDesk.ListAsync"/> merges the shards.
/// </summary>
public sealed class WorkflowIndexGrain([PersistentState("workflows")] IPersistentState<WorkflowIndexState> state) : Grain, IWorkflowIndexGrain
{
    /// <summary>The key of shard <paramref name="shard"/> of the tenant's list.</summary>
    public static string KeyOf(string tenant, int shard) => SchedulingKeys.Of(tenant, $"workflows-{shard}");

    /// <summary>The key of the shard that lists <paramref name="workflowId"/>.</summary>
    public static string KeyOf(string tenant, string workflowId, int shards) =>
        KeyOf(tenant, (int)(Reroute.Runtime.Cluster.StableHash.Of(workflowId) % (ulong)shards));

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
