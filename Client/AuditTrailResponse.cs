using Reroute.Interfaces.Scheduling;

namespace Reroute.Client;

/// <summary>A workflow's whole hash-chained audit trail: <c>GET /api/workflows/{id}/audit</c>.</summary>
public sealed record AuditTrailResponse
{
    /// <summary>The workflow's id.</summary>
    public required string WorkflowId { get; init; }

    /// <summary>Whether the silo found the hash chain intact when it answered.</summary>
    public bool ChainIntact { get; init; }

    /// <summary>Every entry, oldest first; each entry's hash covers the previous one's.</summary>
    public IReadOnlyList<AuditEntry> Entries { get; init; } = [];
}
