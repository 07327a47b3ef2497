namespace Reroute.Interfaces.Scheduling;

/// <summary>A proposal the compliance guardrail escalated to a head of department.</summary>
public sealed record EscalationCase
{
    /// <summary>The case's id.</summary>
    public required string CaseId { get; init; }

    /// <summary>The workflow waiting for the decision.</summary>
    public required string WorkflowId { get; init; }

    /// <summary>The affected appointment.</summary>
    public required string AppointmentId { get; init; }

    /// <summary>Its patient.</summary>
    public required string PatientId { get; init; }

    /// <summary>The proposal that failed compliance.</summary>
    public required ScoredCandidate Proposal { get; init; }

    /// <summary>The compliance findings (rule names and ids).</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>Providers with other candidates the reviewer may approve.</summary>
    public IReadOnlyList<string> CandidateProviderIds { get; init; } = [];

    /// <summary>When it was escalated.</summary>
    public DateTimeOffset OpenedAt { get; init; }

    /// <summary>Open or resolved.</summary>
    public EscalationStatus Status { get; init; } = EscalationStatus.Open;

    /// <summary>The decision, once resolved.</summary>
    public EscalationResolution? Resolution { get; init; }
}
