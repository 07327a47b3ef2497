namespace Reroute.Grains.Routing.Simulation;

/// <summary>A fault injected into one node for a share of the replay (fractions of the replay's span, so it scales with load).</summary>
/// <param name="NodeId">The node.</param>
/// <param name="Kind">Down or brownout.</param>
/// <param name="StartFraction">Start, as a fraction of the replay's span.</param>
/// <param name="EndFraction">End, as a fraction of the replay's span.</param>
/// <param name="SpeedFactor">For a brownout, the node's speed as a share of normal.</param>
public sealed record NodeFault(string NodeId, FaultKind Kind, double StartFraction, double EndFraction, double SpeedFactor = 1);
