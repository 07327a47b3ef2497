namespace Reroute.Interfaces.Scheduling;

/// <summary>
/// One rescheduling workflow (key <c>{tenant}/{workflowId}</c>): a durable state machine through the seven stages that
/// survives restarts at any stage. Offers and escalations report back through <see cref="SettleOffer"/> and
/// <see cref="ResolveEscalation"/>; a durable reminder re-drives anything a crash interrupted.
/// </summary>
public interface IReschedulingWorkflowGrain : IGrainWithStringKey, IRemindable
{
    /// <summary>
    /// Starts the workflow for <paramref name="trigger"/> and runs it up to patient consent. Starting it again with the
    /// same trigger returns it as it is; another trigger under the same id is refused.
    /// </summary>
    Task<WorkflowView> Start(WorkflowTrigger trigger);

    /// <summary>The workflow; null when no workflow has this id.</summary>
    [ReadOnly]
    Task<WorkflowView?> Get();

    /// <summary>Stops the workflow: open offers are withdrawn and their held slots released. Cancelling twice is a no-op.</summary>
    Task<WorkflowView> Cancel(string reason);

    /// <summary>Acts on the offer's answer (or expiry): book, or move on to the next option. Repeating it is a no-op.</summary>
    Task<WorkflowView> SettleOffer(string offerId);

    /// <summary>Carries out a head of department's decision on the case. Repeating it is a no-op.</summary>
    Task<WorkflowView> ResolveEscalation(string caseId);
}
