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
