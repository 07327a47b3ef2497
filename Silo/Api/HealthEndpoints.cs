using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Reroute.Silo.Hosting;

namespace Reroute.Silo.Api;

/// <summary>Liveness and readiness, for load balancers and orchestrators: anonymous by design.</summary>
public static class HealthEndpoints
{
    /// <summary>Maps <c>/health</c> (the process answers) and <c>/ready</c> (the silo should receive traffic).</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        endpoints.MapGet("/health", () => TypedResults.Ok(new HealthResponse("healthy")))
            .AllowAnonymous()
            .WithName("Health")
            .WithSummary("Liveness: 200 while the process is up.")
            .WithTags("Health");

        endpoints.MapGet("/ready", (SiloReadiness readiness) => readiness.IsReady
                ? Results.Ok(new HealthResponse("ready"))
                : Results.Problem(
                    title: "Not ready",
                    detail: readiness.Reason,
                    statusCode: StatusCodes.Status503ServiceUnavailable))
            .AllowAnonymous()
            .WithName("Ready")
            .WithSummary("Readiness: 200 when the silo can serve requests, else 503 with the reason.")
            .WithTags("Health")
            .Produces<HealthResponse>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return endpoints;
    }
}
