using System.Collections.Immutable;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>The set of registered nodes.</summary>
public sealed class NodeDirectoryGrain([PersistentState("directory")] IPersistentState<NodeDirectoryState> state) : Grain, INodeDirectoryGrain
{
    /// <inheritdoc />
    public async Task Add(string nodeId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        var ids = state.State.NodeIds;
        var at = ids.BinarySearch(nodeId, StringComparer.Ordinal);
        if (at >= 0)
        {
            return;
        }

        ids.Insert(~at, nodeId);
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<ImmutableArray<string>> Nodes() => Task.FromResult(state.State.NodeIds.ToImmutableArray());
}
