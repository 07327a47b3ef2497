using System.Collections.Immutable;

namespace Reroute.Interfaces.Routing;

/// <summary>Where a request goes, where it goes if that fails, how sure the router is and why.</summary>
public sealed record RouteDecision
{
    /// <summary>The request this decision is for.</summary>
    public required string RequestId { get; init; }

    /// <summary>Whether a primary was found.</summary>
    public RouteStatus Status { get; init; }

    /// <summary>The primary tier; null when no node was eligible.</summary>
    public ComputeTier? Tier { get; init; }

    /// <summary>The primary node ("device" for the device tier); null when no node was eligible.</summary>
    public string? NodeId { get; init; }

    /// <summary>The backup's tier, another tier where one was eligible; null without a backup.</summary>
    public ComputeTier? BackupTier { get; init; }

    /// <summary>The backup node, never the primary; null without a backup.</summary>
    public string? BackupNodeId { get; init; }

    /// <summary>The primary's multi-criteria score (higher is better).</summary>
    public double Score { get; init; }

    /// <summary>Estimated end-to-end latency on the primary, in milliseconds.</summary>
    public double EstimatedLatencyMs { get; init; }

    /// <summary>Estimated cost on the primary, in dollars.</summary>
    public double EstimatedCost { get; init; }

    /// <summary>How sure the router is, 0..1.</summary>
    public double Confidence { get; init; }

    /// <summary>The confidence band: high above 0.8, low below 0.5.</summary>
    public ConfidenceBand Band { get; init; }

    /// <summary>Why: classification, what the filters excluded, what was chosen and the backup.</summary>
    public ImmutableArray<string> Rationale { get; init; } = [];

    /// <summary>Timeout for the first attempt, in milliseconds.</summary>
    public double TimeoutMs { get; init; }

    /// <summary>How to retry.</summary>
    public RetryPlan Retry { get; init; } = new();

    /// <summary>The request's SLA, in milliseconds, so an outcome can be judged against it.</summary>
    public double LatencySlaMs { get; init; }

    /// <summary>The routing policy that decided: "control", or the name of the A/B experiment the request fell into.</summary>
    public string Policy { get; init; } = RoutingExperiment.ControlPolicy;
}
