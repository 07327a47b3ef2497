using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>What a knowledge grain stores: every version after the defaults, oldest first.</summary>
public sealed record KnowledgeState
{
    /// <summary>Versions 1, 2, …; version 0 (the defaults) is never stored.</summary>
    public IReadOnlyList<KnowledgeVersion> Versions { get; init; } = [];
}
