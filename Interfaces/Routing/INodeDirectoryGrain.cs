using System.Collections.Immutable;

namespace Reroute.Interfaces.Routing;

/// <summary>The set of registered nodes (one directory, key "default"), so the router can build its snapshot.</summary>
public interface INodeDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Adds a node; adding it again changes nothing.</summary>
    Task Add(string nodeId);

    /// <summary>Every registered node id, in order.</summary>
    [ReadOnly]
    Task<ImmutableArray<string>> Nodes();
}
