using System.Collections.Immutable;
using Reroute.Interfaces.Routing;

namespace Reroute.Silo.Api;

/// <summary>The body of <c>PUT /api/routing/policy</c>: the caller's tenant's policy, without the tenant (from the token).</summary>
public sealed record RoutingPolicyBody
{
    /// <summary>Tiers whose every node may process the tenant's PHI.</summary>
    public ImmutableArray<ComputeTier> PhiApprovedTiers { get; init; } = [];

    /// <summary>Single nodes approved for PHI.</summary>
    public ImmutableArray<string> PhiApprovedNodes { get; init; } = [];

    /// <summary>Regions that may serve the tenant besides the request's own.</summary>
    public ImmutableArray<string> AllowedRegions { get; init; } = [];

    /// <summary>Compliance regimes every serving node must satisfy.</summary>
    public ImmutableArray<string> RequiredComplianceTags { get; init; } = [];
}
