using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Reroute.Runtime.Hosting;
using Reroute.Silo.Hosting;
using Reroute.Silo.Security;

namespace Reroute.Silo.Api;

/// <summary>Operator endpoints about the silo itself.</summary>
public static class SiloEndpoints
{
    /// <summary>Maps <c>GET /api/silo</c>: name, version, uptime, data directory and grain runtime counts (policy Operations).</summary>
    public static IEndpointRouteBuilder MapSiloEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        endpoints.MapGet("/api/silo", (SiloInfo info, IGrainRuntimeStatistics runtime) => TypedResults.Ok(new SiloStatusResponse(
                info.Name,
                info.Version,
                info.StartedAt,
                info.Uptime,
                info.DataDirectory,
                runtime.Snapshot())))
            .RequireAuthorization(Policies.Operations)
            .WithName("GetSilo")
            .WithSummary("The silo's name, version, start time, uptime, data directory and grain runtime counts.")
            .WithTags("Operations")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return endpoints;
    }
}
