using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>The persisted entries of one audit page, in sequence order.</summary>
public sealed record AuditLogState
{
    /// <summary>The entries.</summary>
    public IReadOnlyList<AuditEntry> Entries { get; init; } = [];
}
