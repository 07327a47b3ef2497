namespace Reroute.Interfaces.Routing;

/// <summary>A tenant's routing policy (keyed by tenant id): PHI approvals, regions and compliance; nothing approved by default.</summary>
public interface ITenantRoutingPolicyGrain : IGrainWithStringKey
{
    /// <summary>The policy; the default approves no tier or node for PHI.</summary>
    [ReadOnly]
    Task<TenantPolicy> Get();

    /// <summary>Replaces the policy; its tenant id must be this grain's.</summary>
    /// <exception cref="ArgumentException">The policy names another tenant.</exception>
    Task<TenantPolicy> Set(TenantPolicy policy);
}
