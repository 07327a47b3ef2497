using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>
/// Rejects impossible node profiles, heartbeats and requests before anything is stored or routed. Each check throws an
/// <see cref="ArgumentException"/> whose <see cref="ArgumentException.ParamName"/> is the offending field, so the API
/// can name it.
/// </summary>
public static class RoutingValidation
{
    /// <summary>Checks a node profile.</summary>
    public static void Profile(MecNodeProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Require(!string.IsNullOrWhiteSpace(profile.Region), nameof(MecNodeProfile.Region), "is required");
        Require(Enum.IsDefined(profile.Tier) && profile.Tier != ComputeTier.Device, nameof(MecNodeProfile.Tier), "must be Edge or Cloud");
        Require(profile.Capacity >= 0, nameof(MecNodeProfile.Capacity), "must not be negative");
        NonNegative(profile.RttMs, nameof(MecNodeProfile.RttMs));
        NonNegative(profile.MemoryGb, nameof(MecNodeProfile.MemoryGb));
        NonNegative(profile.CostPer1kTokens, nameof(MecNodeProfile.CostPer1kTokens));
        Require(double.IsFinite(profile.SpeedFactor) && profile.SpeedFactor > 0, nameof(MecNodeProfile.SpeedFactor), "must be positive");
        Require(profile.Endpoint is null || IsHttpUri(profile.Endpoint), nameof(MecNodeProfile.Endpoint), "must be an absolute http or https URI");
    }

    /// <summary>Checks a heartbeat against the node's registered capacity.</summary>
    public static void Heartbeat(MecNodeHeartbeat heartbeat, int capacity)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        Require(heartbeat.InFlight >= 0, nameof(MecNodeHeartbeat.InFlight), "must not be negative");
        Require(heartbeat.InFlight <= capacity, nameof(MecNodeHeartbeat.InFlight), $"must not exceed the node's capacity ({capacity})");
        Require(heartbeat.QueueDepth >= 0, nameof(MecNodeHeartbeat.QueueDepth), "must not be negative");
        NonNegative(heartbeat.BacklogMs, nameof(MecNodeHeartbeat.BacklogMs));
        NonNegative(heartbeat.MeanServiceMs, nameof(MecNodeHeartbeat.MeanServiceMs));
        Require(Enum.IsDefined(heartbeat.Health), nameof(MecNodeHeartbeat.Health), "is not a known health");
    }

    /// <summary>Checks an inference request's required fields, SLA and budget.</summary>
    public static void Request(InferenceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(!string.IsNullOrWhiteSpace(request.RequestId), nameof(InferenceRequest.RequestId), "is required");
        Require(!string.IsNullOrWhiteSpace(request.RequiredModel), nameof(InferenceRequest.RequiredModel), "is required");
        Require(!string.IsNullOrWhiteSpace(request.Region), nameof(InferenceRequest.Region), "is required");
        Require(Enum.IsDefined(request.Modality), nameof(InferenceRequest.Modality), "is not a known modality");
        Require(Enum.IsDefined(request.Privacy), nameof(InferenceRequest.Privacy), "is not a known privacy level");
        Require(double.IsFinite(request.LatencySlaMs) && request.LatencySlaMs > 0, nameof(InferenceRequest.LatencySlaMs), "must be positive");
        NonNegative(request.CostBudget, nameof(InferenceRequest.CostBudget));
        Require(request.InputTokens >= 0, nameof(InferenceRequest.InputTokens), "must not be negative");
        Require(request.InputBytes >= 0, nameof(InferenceRequest.InputBytes), "must not be negative");
        Require(request.ExpectedOutputTokens >= 0, nameof(InferenceRequest.ExpectedOutputTokens), "must not be negative");
    }

    /// <summary>Checks an observation for the monitor.</summary>
    public static void Observation(RoutingObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        Require(!string.IsNullOrWhiteSpace(observation.NodeId), nameof(RoutingObservation.NodeId), "is required");
        Require(Enum.IsDefined(observation.Tier), nameof(RoutingObservation.Tier), "is not a known tier");
        Require(!string.IsNullOrWhiteSpace(observation.Policy), nameof(RoutingObservation.Policy), "is required");
        NonNegative(observation.LatencyMs, nameof(RoutingObservation.LatencyMs));
        NonNegative(observation.EstimatedLatencyMs, nameof(RoutingObservation.EstimatedLatencyMs));
        NonNegative(observation.LatencySlaMs, nameof(RoutingObservation.LatencySlaMs));
        NonNegative(observation.Cost, nameof(RoutingObservation.Cost));
    }

    /// <summary>Checks an A/B experiment.</summary>
    public static void Experiment(RoutingExperiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        Require(
            !string.IsNullOrWhiteSpace(experiment.Name) && !string.Equals(experiment.Name, RoutingExperiment.ControlPolicy, StringComparison.Ordinal),
            nameof(RoutingExperiment.Name),
            $"is required and must not be \"{RoutingExperiment.ControlPolicy}\"");
        Require(double.IsFinite(experiment.Fraction) && experiment.Fraction >= 0 && experiment.Fraction <= 1, nameof(RoutingExperiment.Fraction), "must be between 0 and 1");
        Require(experiment.Weights is not null, nameof(RoutingExperiment.Weights), "is required");
        var w = experiment.Weights!;
        foreach (var (value, field) in new[]
        {
            (w.Latency, nameof(RoutingWeights.Latency)),
            (w.Cost, nameof(RoutingWeights.Cost)),
            (w.Reliability, nameof(RoutingWeights.Reliability)),
            (w.FeasibleBonus, nameof(RoutingWeights.FeasibleBonus)),
            (w.TightLatency, nameof(RoutingWeights.TightLatency)),
            (w.TightCost, nameof(RoutingWeights.TightCost)),
            (w.EdgeReservePenalty, nameof(RoutingWeights.EdgeReservePenalty)),
            (w.QueueUncertainty, nameof(RoutingWeights.QueueUncertainty)),
            (w.ServiceUncertainty, nameof(RoutingWeights.ServiceUncertainty)),
            (w.RttUncertainty, nameof(RoutingWeights.RttUncertainty)),
            (w.LooseServiceRatio, nameof(RoutingWeights.LooseServiceRatio)),
        })
        {
            NonNegative(value, nameof(RoutingExperiment.Weights) + "." + field);
        }

        // Shares of something: a safety factor of the SLA, a share of an edge node's slots.
        foreach (var (value, field) in new[]
        {
            (w.SlaSafetyFactor, nameof(RoutingWeights.SlaSafetyFactor)),
            (w.CriticalSlaSafetyFactor, nameof(RoutingWeights.CriticalSlaSafetyFactor)),
            (w.EdgeReserveUtilization, nameof(RoutingWeights.EdgeReserveUtilization)),
            (w.EdgeSparseReserveUtilization, nameof(RoutingWeights.EdgeSparseReserveUtilization)),
        })
        {
            Require(double.IsFinite(value) && value > 0 && value <= 1, nameof(RoutingExperiment.Weights) + "." + field, "must be above 0 and at most 1");
        }

        Require(
            double.IsFinite(w.EdgeSparseTokensPerMs) && w.EdgeSparseTokensPerMs > 0,
            nameof(RoutingExperiment.Weights) + "." + nameof(RoutingWeights.EdgeSparseTokensPerMs),
            "must be above 0");
        Require(
            double.IsFinite(w.EdgeReserveMinTokensPerMs) && w.EdgeReserveMinTokensPerMs >= w.EdgeSparseTokensPerMs,
            nameof(RoutingExperiment.Weights) + "." + nameof(RoutingWeights.EdgeReserveMinTokensPerMs),
            "must be at least EdgeSparseTokensPerMs");
        Require(
            double.IsFinite(w.TightServiceRatio) && w.TightServiceRatio > w.LooseServiceRatio,
            nameof(RoutingExperiment.Weights) + "." + nameof(RoutingWeights.TightServiceRatio),
            "must be above LooseServiceRatio");
    }

    private static bool IsHttpUri(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static void NonNegative(double value, string field) =>
        Require(double.IsFinite(value) && value >= 0, field, "must be a number zero or more");

    private static void Require(bool condition, string field, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"{field} {problem}.", field);
        }
    }
}
