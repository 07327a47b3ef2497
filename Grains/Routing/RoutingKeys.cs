using System.Globalization;

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

    /// <summary>The decision log of <paramref name="tenantId"/> for the UTC day of <paramref name="at"/>.</summary>
    public static string DecisionLog(string tenantId, DateTimeOffset at) =>
        tenantId + "/" + at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
