using System.Globalization;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>The keys of the routing grains that are not keyed by a node or tenant alone.</summary>
public static class RoutingKeys
{
    /// <summary>The one node directory.</summary>
    public const string Directory = "default";

    /// <summary>The context grain's stateless-worker id.</summary>
    public const string Context = "default";

    /// <summary>The one monitor.</summary>
    public const string Monitor = "default";

    /// <summary>The router's stateless-worker id.</summary>
    public const string Router = "default";

    /// <summary>The breaker of every node of <paramref name="tier"/> together.</summary>
    public static string TierBreaker(ComputeTier tier) => TierBreakerPrefix + tier.ToString();

    /// <summary>The breaker of an external service the routing path depends on (for example the reasoning engine).</summary>
    public static string ServiceBreaker(string service) => ServiceBreakerPrefix + service;

    /// <summary>Whether a breaker key is a tier's.</summary>
    public static bool IsTierBreaker(string key) => key.StartsWith(TierBreakerPrefix, StringComparison.Ordinal);

    /// <summary>The reasoning engine the context grain consults.</summary>
    public const string ReasoningService = "reasoner";

    // Node ids arrive as one URL path segment, so they never contain '/': these keys cannot collide with a node's.
    private const string TierBreakerPrefix = "tier/";
    private const string ServiceBreakerPrefix = "service/";

    /// <summary>The decision log of <paramref name="tenantId"/> for the UTC day of <paramref name="at"/>.</summary>
    public static string DecisionLog(string tenantId, DateTimeOffset at) =>
        tenantId + "/" + at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
