using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>A tenant's stored routing policy; null until an administrator sets one.</summary>
public sealed class TenantRoutingPolicyState
{
    /// <summary>The policy, or null for the default.</summary>
    public TenantPolicy? Policy { get; set; }
}
