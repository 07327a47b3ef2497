using System.Collections.Immutable;

namespace Reroute.Interfaces.Routing;

/// <summary>One serving node (edge or cloud) as the router last saw it: place, capacity, load, cost, health and approvals.</summary>
public sealed record NodeSnapshot
{
    /// <summary>The node's id.</summary>
    public required string NodeId { get; init; }

    /// <summary>Edge or cloud (device is not a node; the planner takes it from the request).</summary>
    public ComputeTier Tier { get; init; } = ComputeTier.Edge;

    /// <summary>The region the node is in.</summary>
    public required string Region { get; init; }

    /// <summary>The cell the node serves; empty for cloud nodes.</summary>
    public string Cell { get; init; } = "";

    /// <summary>Round trip from the node's cell (or the region's access network, for cloud) to the node, in milliseconds.</summary>
    public double RttMs { get; init; }

    /// <summary>Requests the node serves at once.</summary>
    public int Capacity { get; init; }

    /// <summary>Requests being served now.</summary>
    public int InFlight { get; init; }

    /// <summary>Requests waiting for a free slot.</summary>
    public int QueueDepth { get; init; }

    /// <summary>Observed mean service time per request, in milliseconds; 0 when unknown (the request's own estimate is used).</summary>
    public double MeanServiceMs { get; init; }

    /// <summary>
    /// Work ahead of a new request — the expected remaining service of every running and queued request, in milliseconds —
    /// as the node agent reports it from its requests' token counts; 0 when unknown (the queue depth and mean are used).
    /// </summary>
    public double BacklogMs { get; init; }

    /// <summary>How fast the node serves relative to the reference node (2 = twice as fast).</summary>
    public double SpeedFactor { get; init; } = 1;

    /// <summary>Whether the node has a GPU.</summary>
    public bool HasGpu { get; init; } = true;

    /// <summary>Memory available for models, in gigabytes.</summary>
    public double MemoryGb { get; init; }

    /// <summary>Price per 1,000 tokens (input plus output), in dollars.</summary>
    public double CostPer1kTokens { get; init; }

    /// <summary>Health from heartbeats.</summary>
    public NodeHealth Health { get; init; } = NodeHealth.Healthy;

    /// <summary>The node's circuit breaker state.</summary>
    public BreakerState Breaker { get; init; } = BreakerState.Closed;

    /// <summary>Models the node can serve (loading them first if they are not warm).</summary>
    public ImmutableArray<string> HostedModels { get; init; } = [];

    /// <summary>Models loaded now: no cold start.</summary>
    public ImmutableArray<string> WarmModels { get; init; } = [];

    /// <summary>Privacy levels the node is certified to process.</summary>
    public ImmutableArray<PrivacyLevel> CertifiedPrivacy { get; init; } = [PrivacyLevel.Public];

    /// <summary>Compliance regimes the node satisfies.</summary>
    public ImmutableArray<string> ComplianceTags { get; init; } = [];

    /// <summary>Tenants the node is dedicated to; empty means it serves every tenant.</summary>
    public ImmutableArray<string> Tenants { get; init; } = [];

    /// <summary>
    /// Observed over estimated latency, as the monitor learned it (1 until it learned otherwise); the router multiplies
    /// its latency estimate for the node by it.
    /// </summary>
    public double LatencyFactor { get; init; } = 1;

    /// <summary>The error rate the monitor learned, 0..1; taken off the node's reliability.</summary>
    public double ErrorRate { get; init; }

    /// <summary>Base address of the node's OpenAI-compatible API; null when the node registered none.</summary>
    public string? Endpoint { get; init; }
}
