namespace Reroute.Interfaces.Scheduling;

/// <summary>Which rules a workflow checked and whether anything booked broke one; violations must be none.</summary>
public sealed record ComplianceReport
{
    /// <summary>Every rule (hard filter and guardrail) the workflow evaluated.</summary>
    public IReadOnlyList<string> RulesChecked { get; init; } = [];

    /// <summary>Proposals put through the guardrails.</summary>
    public int ProposalsChecked { get; init; }

    /// <summary>Candidate slots rejected per hard filter.</summary>
    public IReadOnlyDictionary<string, int> FilterRejections { get; init; } = new Dictionary<string, int>();

    /// <summary>Bookings that break a rule (by appointment id and rule); empty when compliant.</summary>
    public IReadOnlyList<string> Violations { get; init; } = [];

    /// <summary>Compliance findings a head of department approved, by appointment id and rule.</summary>
    public IReadOnlyList<string> ApprovedExceptions { get; init; } = [];

    /// <summary>Whether the audit trail's hash chain verifies.</summary>
    public bool AuditChainIntact { get; init; }
}
