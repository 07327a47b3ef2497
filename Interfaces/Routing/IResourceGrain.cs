namespace Reroute.Interfaces.Routing;

/// <summary>One MEC or cloud node (keyed by node id): its registered profile and its latest heartbeat.</summary>
public interface IResourceGrain : IGrainWithStringKey
{
    /// <summary>Registers or re-registers the node and adds it to the directory.</summary>
    /// <exception cref="ArgumentException">An impossible value; the message names the field and nothing is stored.</exception>
    Task Register(MecNodeProfile profile);

    /// <summary>Records a heartbeat and returns the node's snapshot.</summary>
    /// <exception cref="ArgumentException">An impossible value (negative, or load above capacity); nothing is stored.</exception>
    /// <exception cref="KeyNotFoundException">The node was never registered.</exception>
    Task<NodeSnapshot> Heartbeat(MecNodeHeartbeat heartbeat);

    /// <summary>The node as the router sees it (unhealthy once heartbeats stopped); null when never registered.</summary>
    [ReadOnly]
    Task<NodeSnapshot?> Snapshot();
}
