namespace Reroute.Interfaces.Routing;

/// <summary>One served (or failed) request as the monitor learns from it: where, how long against what was expected, and under which policy.</summary>
public sealed record RoutingObservation
{
    /// <summary>The node that served it ("device" for the device tier).</summary>
    public required string NodeId { get; init; }

    /// <summary>The node's tier.</summary>
    public ComputeTier Tier { get; init; }

    /// <summary>Whether the node answered correctly.</summary>
    public bool Succeeded { get; init; }

    /// <summary>Observed latency, in milliseconds.</summary>
    public double LatencyMs { get; init; }

    /// <summary>What the router estimated for this node, in milliseconds; 0 when unknown (no learning from it).</summary>
    public double EstimatedLatencyMs { get; init; }

    /// <summary>The request's SLA, in milliseconds; 0 when unknown (not counted toward SLA attainment).</summary>
    public double LatencySlaMs { get; init; }

    /// <summary>The estimated cost, in dollars.</summary>
    public double Cost { get; init; }

    /// <summary>The routing policy that decided it (the control, or the experiment's name).</summary>
    public string Policy { get; init; } = RoutingExperiment.ControlPolicy;
}
