using Reroute.Interfaces.Scheduling;

namespace Reroute.Silo.Api;

/// <summary>A workflow as <c>GET /api/workflows/{id}</c> shows it: each affected appointment with its own audit trail.</summary>
internal sealed record WorkflowDetail(
    string WorkflowId,
    WorkflowStatus Status,
    WorkflowStage CurrentStage,
    WorkflowTrigger Trigger,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    int KnowledgeVersion,
    IReadOnlyList<StageRecord> Stages,
    WorkflowSummary Summary,
    ComplianceReport Compliance,
    IReadOnlyList<AppointmentTrail> Appointments,
    IReadOnlyList<BackfillSlot> Backfills,
    IReadOnlyList<AuditEntry> WorkflowEvents)
{
    public static WorkflowDetail Of(WorkflowView view) => new(
        view.WorkflowId,
        view.Status,
        view.CurrentStage,
        view.Trigger,
        view.CreatedAt,
        view.CompletedAt,
        view.KnowledgeVersion,
        view.Stages,
        view.Summary,
        view.Compliance,
        [.. view.Appointments.Select(a => new AppointmentTrail(a, [.. view.Audit.Where(e => e.AppointmentId == a.AppointmentId)]))],
        view.Backfills,
        [.. view.Audit.Where(static e => e.AppointmentId is null)]);
}
