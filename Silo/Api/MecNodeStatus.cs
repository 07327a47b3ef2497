using Reroute.Interfaces.Routing;

namespace Reroute.Silo.Api;

/// <summary>A node as operators see it: the router's snapshot of it and its breaker.</summary>
/// <param name="Node">Profile, load and health.</param>
/// <param name="Breaker">Breaker state and the share of traffic the node takes now.</param>
public sealed record MecNodeStatus(NodeSnapshot Node, BreakerStatus Breaker);
