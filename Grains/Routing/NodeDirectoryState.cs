namespace Reroute.Grains.Routing;

/// <summary>The directory's stored state.</summary>
public sealed class NodeDirectoryState
{
    /// <summary>Registered node ids, sorted.</summary>
    public List<string> NodeIds { get; set; } = [];
}
