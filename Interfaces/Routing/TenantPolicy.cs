using System.Collections.Immutable;

namespace Reroute.Interfaces.Routing;

/// <summary>
/// What a tenant allows: where its PHI may go, which regions may serve it, and which compliance regimes every request needs.
/// </summary>
public sealed record TenantPolicy
{
    /// <summary>The tenant this policy belongs to.</summary>
    public required string TenantId { get; init; }

    /// <summary>Tiers whose every node the tenant approved for PHI (on top of the node's own certification).</summary>
    public ImmutableArray<ComputeTier> PhiApprovedTiers { get; init; } = [];

    /// <summary>Single nodes the tenant approved for PHI, for tiers it did not approve as a whole.</summary>
    public ImmutableArray<string> PhiApprovedNodes { get; init; } = [];

    /// <summary>Regions that may serve the tenant's requests besides the request's own; empty means only its own region.</summary>
    public ImmutableArray<string> AllowedRegions { get; init; } = [];

    /// <summary>Compliance regimes every node serving this tenant must satisfy, added to each request's own tags.</summary>
    public ImmutableArray<string> RequiredComplianceTags { get; init; } = [];
}
