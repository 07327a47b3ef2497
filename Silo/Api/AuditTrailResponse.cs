using Reroute.Interfaces.Scheduling;

namespace Reroute.Silo.Api;

/// <summary>A workflow's whole audit trail, and whether its hash chain verifies now.</summary>
internal sealed record AuditTrailResponse(string WorkflowId, bool ChainIntact, IReadOnlyList<AuditEntry> Entries);
