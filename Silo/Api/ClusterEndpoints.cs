using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Reroute.Runtime.Cluster;
using Reroute.Silo.Security;

namespace Reroute.Silo.Api;

/// <summary>Operator endpoint about the cluster as this silo sees it.</summary>
public static class ClusterEndpoints
{
    /// <summary>Maps <c>GET /api/cluster</c>: mode, this silo's id, live members, partitions owned (policy Operations).</summary>
    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        endpoints.MapGet("/api/cluster", (ClusterStatus cluster) => TypedResults.Ok(cluster.Snapshot()))
            .RequireAuthorization(Policies.Operations)
            .WithName("GetCluster")
            .WithSummary("Cluster mode, this silo's id, the live silos it knows of, and the partitions it owns and actively consumes.")
            .WithTags("Operations")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return endpoints;
    }
}
