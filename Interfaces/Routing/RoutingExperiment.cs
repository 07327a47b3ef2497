namespace Reroute.Interfaces.Routing;

/// <summary>An A/B test between the control routing policy and one with other weights, on a share of the traffic.</summary>
public sealed record RoutingExperiment
{
    /// <summary>The name decisions under the control policy carry.</summary>
    public const string ControlPolicy = "control";

    /// <summary>The experiment's name, which its decisions carry as their policy; not "control".</summary>
    public required string Name { get; init; }

    /// <summary>Share of requests routed by the experiment, 0..1 (by a stable hash of the request id).</summary>
    public double Fraction { get; init; }

    /// <summary>The experiment's weights.</summary>
    public RoutingWeights Weights { get; init; } = new();
}
