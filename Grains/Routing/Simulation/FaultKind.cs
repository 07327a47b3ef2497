namespace Reroute.Grains.Routing.Simulation;

/// <summary>What an injected fault does to a simulated node.</summary>
public enum FaultKind
{
    /// <summary>The node stops answering; its warm models are lost when it comes back.</summary>
    Down,

    /// <summary>The node keeps answering, slower.</summary>
    Brownout,
}
