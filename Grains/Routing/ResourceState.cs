using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>A node's stored state: its profile, its latest heartbeat and when things happened.</summary>
public sealed class ResourceState
{
    /// <summary>The registered profile; null until the node registers.</summary>
    public MecNodeProfile? Profile { get; set; }

    /// <summary>When the node last registered.</summary>
    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>The latest accepted heartbeat; null before the first.</summary>
    public MecNodeHeartbeat? LastHeartbeat { get; set; }

    /// <summary>When the latest heartbeat arrived.</summary>
    public DateTimeOffset? LastHeartbeatAt { get; set; }
}
