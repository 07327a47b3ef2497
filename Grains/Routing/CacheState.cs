using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>A node's stored model cache. In-use counts are written along with structural changes only: they are soft.</summary>
public sealed class CacheState
{
    /// <summary>Memory for models on the node, in gigabytes, as last learned from its registration.</summary>
    public double CapacityGb { get; set; }

    /// <summary>The models loaded or loading, by name.</summary>
    public Dictionary<string, CachedModel> Models { get; set; } = new(StringComparer.Ordinal);
}
