using Reroute.Interfaces.Routing;

namespace Reroute.Client;

/// <summary>A node as the silo sees it after a registration or heartbeat: its snapshot and its breaker.</summary>
public sealed record MecNodeState(NodeSnapshot Node, BreakerStatus Breaker);
