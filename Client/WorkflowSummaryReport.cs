using Reroute.Interfaces.Scheduling;

namespace Reroute.Client;

/// <summary>What a clinic manager asks of a workflow: where it stands, its counts and its compliance report.</summary>
/// <param name="WorkflowId">The workflow's id.</param>
/// <param name="Status">Running, completed or cancelled.</param>
/// <param name="Summary">Processed, reassigned, waitlisted, escalated, backfilled, declined, expired and still open.</param>
/// <param name="Compliance">The rules checked and any violations (must be none).</param>
public sealed record WorkflowSummaryReport(string WorkflowId, WorkflowStatus Status, WorkflowSummary Summary, ComplianceReport Compliance);
