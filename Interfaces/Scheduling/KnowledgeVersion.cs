namespace Reroute.Interfaces.Scheduling;

/// <summary>One version of a tenant's scheduling knowledge.</summary>
public sealed record KnowledgeVersion
{
    /// <summary>The version number: 0 for the defaults, then one more per update.</summary>
    public required int Version { get; init; }

    /// <summary>The rules, weights and thresholds of this version.</summary>
    public required SchedulingKnowledge Knowledge { get; init; }

    /// <summary>When this version was stored; null for the defaults.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }
}
