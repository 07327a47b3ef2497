using Reroute.Interfaces.Scheduling;

namespace Reroute.Client;

/// <summary>A rescheduling workflow as <c>GET /api/workflows/{id}</c> returns it.</summary>
public sealed record WorkflowDetail
{
    /// <summary>The workflow's id.</summary>
    public required string WorkflowId { get; init; }

    /// <summary>Running, completed or cancelled.</summary>
    public WorkflowStatus Status { get; init; }

    /// <summary>The latest of the seven stages it reached.</summary>
    public WorkflowStage CurrentStage { get; init; }

    /// <summary>The trigger that started it.</summary>
    public required WorkflowTrigger Trigger { get; init; }

    /// <summary>When it started.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it completed or was cancelled; null while it runs.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The version of the tenant's knowledge (rules, weights, thresholds) it decided with.</summary>
    public int KnowledgeVersion { get; init; }

    /// <summary>The seven stages in order, with when each started and completed.</summary>
    public IReadOnlyList<StageRecord> Stages { get; init; } = [];

    /// <summary>The counts so far: processed, reassigned, waitlisted, escalated, backfilled, declined, expired, open.</summary>
    public WorkflowSummary Summary { get; init; } = new();

    /// <summary>The rules checked and any violations (must be none).</summary>
    public ComplianceReport Compliance { get; init; } = new();

    /// <summary>Each affected appointment with its own audit trail, from trigger to final state.</summary>
    public IReadOnlyList<AppointmentTrail> Appointments { get; init; } = [];

    /// <summary>Freed slots offered to the waitlist.</summary>
    public IReadOnlyList<BackfillSlot> Backfills { get; init; } = [];

    /// <summary>Audit entries about the workflow as a whole (not about one appointment).</summary>
    public IReadOnlyList<AuditEntry> WorkflowEvents { get; init; } = [];
}
