using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>One provider window: the first trigger claims it for its workflow; repeats join that workflow until it ends.</summary>
public sealed class TriggerWindowGrain([PersistentState("window")] IPersistentState<TriggerWindowState> state) : Grain, ITriggerWindowGrain
{
    /// <summary>The key of the window of <paramref name="providerId"/> from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public static string KeyOf(string tenant, string providerId, DateTimeOffset start, DateTimeOffset end) =>
        SchedulingKeys.Of(tenant, $"{providerId}@{start.UtcTicks}-{end.UtcTicks}");

    /// <inheritdoc />
    public async Task<string> Claim(string proposedWorkflowId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(proposedWorkflowId);
        if (state.State.RunningWorkflowId is { } running)
        {
            return running;
        }

        await state.ReplaceAsync(new TriggerWindowState { RunningWorkflowId = proposedWorkflowId });
        return proposedWorkflowId;
    }

    /// <inheritdoc />
    public async Task Release(string workflowId)
    {
        if (state.State.RunningWorkflowId == workflowId)
        {
            await state.ReplaceAsync(new TriggerWindowState());
        }
    }
}
