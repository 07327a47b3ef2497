namespace Reroute.Interfaces.Scheduling;

/// <summary>
/// One page of a workflow's audit trail (key: tenant, workflow id and page number). The workflow writes each decision's
/// entries here before the decision itself, so its own state stays small however long the trail grows.
/// </summary>
public interface IAuditLogGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores the entries, replacing any with the same sequence number: entries a crash left behind without their
    /// decision are overwritten when the workflow decides again.
    /// </summary>
    Task Write(IReadOnlyList<AuditEntry> entries);

    /// <summary>The page's entries in sequence order.</summary>
    [ReadOnly]
    Task<IReadOnlyList<AuditEntry>> Read();
}
