using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>The persisted workflow: its view and the side effects decided but not yet confirmed done.</summary>
public sealed record WorkflowState
{
    /// <summary>
    /// The workflow; null until started. Stored without its audit trail, which lives in <see cref="AuditLogGrain"/> pages;
    /// in memory the activation holds it whole.
    /// </summary>
    public WorkflowView? View { get; init; }

    /// <summary>How many audit entries belong to the stored view: entries beyond it in the pages are left over from a crash.</summary>
    public int AuditCount { get; init; }

    /// <summary>
    /// Appointments and backfills whose decided effects (hold and offer, escalation case, waitlist entry) may not have
    /// happened yet: decisions are written first, then carried out, then cleared, so a crash in between is redone.
    /// </summary>
    public IReadOnlyList<string> PendingEffects { get; init; } = [];
}
