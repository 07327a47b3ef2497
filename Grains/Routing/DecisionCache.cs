using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>
/// The router's last resort: the most recent routed decision per request shape (tenant, privacy, model, region, cell and
/// compliance tags), shared by every router activation in the silo. When the planner cannot run — no node snapshot was
/// ever taken, or the tenant's policy or the classifier cannot be reached — a decision for the same shape that is no
/// older than <see cref="RoutingGrainOptions.CachedDecisionMaxAge"/> is reused. The shape holds everything the hard
/// filters read from the request except the device, so a reused decision passed the same privacy, compliance and
/// geography filters under the tenant's policy of that moment; decisions for the device are not kept, and a device
/// backup is dropped on reuse, because another request's device may not hold the model.
/// </summary>
public sealed class DecisionCache
{
    private readonly ConcurrentDictionary<RequestShape, (RouteDecision Decision, DateTimeOffset At)> _byShape = new();

    /// <summary>Shapes held (at most <see cref="RoutingGrainOptions.CachedDecisionCapacity"/>).</summary>
    public int Count => _byShape.Count;

    /// <summary>
    /// The cache key: the request's shape, built without allocating for the usual request without compliance tags (it is
    /// made for every routed decision). Tags are sorted so that their order does not matter.
    /// </summary>
    private static RequestShape Shape(InferenceRequest request)
    {
        var tags = request.ComplianceTags.IsDefaultOrEmpty ? "" : string.Join(',', request.ComplianceTags.Order(StringComparer.Ordinal));
        return new RequestShape(request.TenantId, request.Privacy, request.RequiredModel, request.Region, request.Cell, tags);
    }

    /// <summary>
    /// Keeps a routed decision for its request's shape, replacing an older one. Decisions that run on the device and new
    /// shapes beyond <paramref name="capacity"/> are not kept (a bound on memory, not an eviction policy: the shapes of a
    /// deployment are few, and the kept ones are refreshed by every decision).
    /// </summary>
    public void Remember(InferenceRequest request, RouteDecision decision, DateTimeOffset at, int capacity)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Status != RouteStatus.Routed || decision.Tier == ComputeTier.Device)
        {
            return;
        }

        var shape = Shape(request);
        if (_byShape.Count < capacity || _byShape.ContainsKey(shape))
        {
            _byShape[shape] = (decision, at);
        }
    }

    /// <summary>The decision kept for the request's shape, if one is no older than <paramref name="maxAge"/>, reused for it.</summary>
    public bool TryRecall(InferenceRequest request, DateTimeOffset now, TimeSpan maxAge, string reason, out RouteDecision decision)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (maxAge > TimeSpan.Zero && _byShape.TryGetValue(Shape(request), out var kept) && now - kept.At <= maxAge)
        {
            decision = Reuse(kept.Decision, request, now - kept.At, reason);
            return true;
        }

        decision = null!;
        return false;
    }

    /// <summary>
    /// A kept decision restated for a new request: its id and SLA, a device backup dropped, and a rationale line saying
    /// that it is a cached decision, how old, and why.
    /// </summary>
    public static RouteDecision Reuse(RouteDecision cached, InferenceRequest request, TimeSpan age, string reason)
    {
        ArgumentNullException.ThrowIfNull(cached);
        ArgumentNullException.ThrowIfNull(request);
        var deviceBackup = cached.BackupTier == ComputeTier.Device;
        var note = string.Create(
            CultureInfo.InvariantCulture,
            $"cached decision for the same tenant, privacy, model, region, cell and compliance tags, {age.TotalMilliseconds:F0} ms old: {reason}");
        return cached with
        {
            RequestId = request.RequestId,
            LatencySlaMs = request.LatencySlaMs,
            BackupTier = deviceBackup ? null : cached.BackupTier,
            BackupNodeId = deviceBackup ? null : cached.BackupNodeId,
            Retry = deviceBackup ? cached.Retry with { FailoverToBackup = false } : cached.Retry,
            Rationale = cached.Rationale.IsDefault ? ImmutableArray.Create(note) : cached.Rationale.Add(note),
        };
    }

    private readonly record struct RequestShape(string TenantId, PrivacyLevel Privacy, string RequiredModel, string Region, string Cell, string Tags);
}
