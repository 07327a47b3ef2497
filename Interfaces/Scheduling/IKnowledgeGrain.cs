namespace Reroute.Interfaces.Scheduling;

/// <summary>
/// One tenant's scheduling knowledge (key: the tenant): payer and compliance rules, weights and thresholds, versioned.
/// Version 0 is the design's defaults; every update adds a version and keeps the earlier ones.
/// </summary>
public interface IKnowledgeGrain : IGrainWithStringKey
{
    /// <summary>The current version.</summary>
    [ReadOnly]
    Task<KnowledgeVersion> Get();

    /// <summary>Stores <paramref name="knowledge"/> as the next version; invalid knowledge is refused and nothing changes.</summary>
    Task<KnowledgeVersion> Update(SchedulingKnowledge knowledge);

    /// <summary>Every version, oldest first (version 0, the defaults, included).</summary>
    [ReadOnly]
    Task<IReadOnlyList<KnowledgeVersion>> GetHistory();
}
