using System.Collections.Immutable;

namespace Reroute.Interfaces.Routing;

/// <summary>A node's model cache: memory, and every model loaded or loading.</summary>
public sealed record ModelCacheStatus
{
    /// <summary>The node.</summary>
    public required string NodeId { get; init; }

    /// <summary>Memory for models on the node, in gigabytes (from its registration); 0 before it registered.</summary>
    public double CapacityGb { get; init; }

    /// <summary>Memory the cached models take, in gigabytes.</summary>
    public double UsedGb { get; init; }

    /// <summary>The models, loaded or loading, by name.</summary>
    public ImmutableArray<CachedModel> Models { get; init; } = [];

    /// <summary>The names of the models loaded now (no cold start).</summary>
    public ImmutableArray<string> Warm { get; init; } = [];
}
