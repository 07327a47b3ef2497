namespace Reroute.Interfaces.Routing;

/// <summary>
/// Routes inference requests (stateless worker, key "default") over a snapshot of every node and its breaker, kept fresh
/// at a configured interval; each decision goes to the tenant's decision log.
/// </summary>
public interface IRouterGrain : IGrainWithStringKey
{
    /// <summary>Decides where the request goes; a request no node may serve gets status NoEligibleNode with the reasons.</summary>
    /// <exception cref="ArgumentException">The SLA is not positive.</exception>
    Task<RouteDecision> Route(InferenceRequest request);
}
