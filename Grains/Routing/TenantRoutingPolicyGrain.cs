using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>
/// A tenant's routing policy. The default approves nothing for PHI, so PHI stays on nodes and tiers an administrator
/// approved explicitly; a new tenant's PHI requests are refused rather than guessed at.
/// </summary>
public sealed class TenantRoutingPolicyGrain([PersistentState("policy")] IPersistentState<TenantRoutingPolicyState> state)
    : Grain, ITenantRoutingPolicyGrain
{
    /// <inheritdoc />
    public Task<TenantPolicy> Get() => Task.FromResult(state.State.Policy ?? new TenantPolicy { TenantId = GetPrimaryKeyString() });

    /// <inheritdoc />
    public async Task<TenantPolicy> Set(TenantPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!string.Equals(policy.TenantId, GetPrimaryKeyString(), StringComparison.Ordinal))
        {
            throw new ArgumentException($"The policy names tenant '{policy.TenantId}', not '{GetPrimaryKeyString()}'.", nameof(TenantPolicy.TenantId));
        }

        state.State.Policy = policy;
        await state.WriteStateAsync();
        return policy;
    }
}
