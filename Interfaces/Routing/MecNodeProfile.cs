using System.Collections.Immutable;

namespace Reroute.Interfaces.Routing;

/// <summary>What a MEC or cloud node's agent registers once: tier, place, capacity, cost, models and approvals.</summary>
public sealed record MecNodeProfile
{
    /// <summary>Edge or cloud.</summary>
    public ComputeTier Tier { get; init; } = ComputeTier.Edge;

    /// <summary>The region the node is in.</summary>
    public string Region { get; init; } = "";

    /// <summary>The cell the node serves; empty for cloud nodes.</summary>
    public string Cell { get; init; } = "";

    /// <summary>Round trip from the node's cell to the node, in milliseconds.</summary>
    public double RttMs { get; init; }

    /// <summary>Requests the node serves at once.</summary>
    public int Capacity { get; init; }

    /// <summary>How fast the node serves relative to the reference node.</summary>
    public double SpeedFactor { get; init; } = 1;

    /// <summary>Whether the node has a GPU.</summary>
    public bool HasGpu { get; init; } = true;

    /// <summary>Memory available for models, in gigabytes.</summary>
    public double MemoryGb { get; init; }

    /// <summary>Price per 1,000 tokens, in dollars.</summary>
    public double CostPer1kTokens { get; init; }

    /// <summary>Models the node can serve.</summary>
    public ImmutableArray<string> HostedModels { get; init; } = [];

    /// <summary>Privacy levels the node is certified to process.</summary>
    public ImmutableArray<PrivacyLevel> CertifiedPrivacy { get; init; } = [PrivacyLevel.Public];

    /// <summary>Compliance regimes the node satisfies.</summary>
    public ImmutableArray<string> ComplianceTags { get; init; } = [];

    /// <summary>Tenants the node is dedicated to; empty means every tenant.</summary>
    public ImmutableArray<string> Tenants { get; init; } = [];

    /// <summary>
    /// Base address of the node's OpenAI-compatible API (absolute http or https), where invoked requests are executed;
    /// null for a node that is only routed to.
    /// </summary>
    public string? Endpoint { get; init; }
}
