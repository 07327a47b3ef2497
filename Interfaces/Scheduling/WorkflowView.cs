namespace Reroute.Interfaces.Scheduling;

/// <summary>A rescheduling workflow as the API shows it: stages, appointments, backfills, audit trail and reports.</summary>
public sealed record WorkflowView
{
    /// <summary>The workflow's id.</summary>
    public required string WorkflowId { get; init; }

    /// <summary>What started it.</summary>
    public required WorkflowTrigger Trigger { get; init; }

    /// <summary>Where it is in its life.</summary>
    public WorkflowStatus Status { get; init; } = WorkflowStatus.Running;

    /// <summary>The latest stage it reached.</summary>
    public WorkflowStage CurrentStage { get; init; } = WorkflowStage.TriggerDetection;

    /// <summary>When it started.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it completed or was cancelled.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The version of the tenant's knowledge it decided with.</summary>
    public int KnowledgeVersion { get; init; }

    /// <summary>The seven stages, in order.</summary>
    public IReadOnlyList<StageRecord> Stages { get; init; } = [];

    /// <summary>The affected appointments, by priority.</summary>
    public IReadOnlyList<AffectedAppointment> Appointments { get; init; } = [];

    /// <summary>Freed slots offered to the waitlist.</summary>
    public IReadOnlyList<BackfillSlot> Backfills { get; init; } = [];

    /// <summary>The audit trail, oldest first.</summary>
    public IReadOnlyList<AuditEntry> Audit { get; init; } = [];

    /// <summary>The counts so far.</summary>
    public WorkflowSummary Summary { get; init; } = new();

    /// <summary>The compliance report so far.</summary>
    public ComplianceReport Compliance { get; init; } = new();
}
