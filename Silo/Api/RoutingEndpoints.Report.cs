using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Reroute.Grains.Routing;
using Reroute.Interfaces.Routing;
using Reroute.Runtime;
using Reroute.Silo.Security;

namespace Reroute.Silo.Api;

/// <summary>
/// The monitor: <c>GET /api/routing/report</c> (latency per node and tier, anomalies, what the router learned, the A/B
/// comparison) and <c>PUT</c>/<c>DELETE /api/routing/experiment</c> to start or stop an A/B test of routing weights.
/// </summary>
public static partial class RoutingEndpoints
{
    private static void MapReport(RouteGroupBuilder routing)
    {
        routing.MapGet("/report", Report).RequireAuthorization(Policies.Operations)
            .WithName("GetRoutingReport").WithSummary("Latency moving averages and p50/p95/p99 per node and tier, error rates, recent anomalies, learned estimates and the A/B comparison.");
        routing.MapPut("/experiment", PutExperiment).RequireAuthorization(Policies.Admin)
            .Accepts<RoutingExperiment>("application/json")
            .WithName("PutRoutingExperiment").WithSummary("Starts (or replaces) an A/B test: a share of requests is routed with the experiment's weights.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        routing.MapDelete("/experiment", DeleteExperiment).RequireAuthorization(Policies.Admin)
            .WithName("DeleteRoutingExperiment").WithSummary("Stops the A/B test; every request is routed by the control policy again.");
    }

    private static async Task<IResult> Report(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IMonitorGrain>(RoutingKeys.Monitor).Report());

    private static async Task<IResult> PutExperiment(HttpRequest http, IGrainFactory grains)
    {
        var (experiment, invalidBody) = await StrictJson.ReadAsync<RoutingExperiment>(http);
        if (experiment is null)
        {
            return invalidBody!;
        }

        try
        {
            await grains.GetGrain<IMonitorGrain>(RoutingKeys.Monitor).SetExperiment(experiment);
            return TypedResults.Ok(experiment);
        }
        catch (ArgumentException error)
        {
            return Invalid(error);
        }
    }

    private static async Task<IResult> DeleteExperiment(IGrainFactory grains)
    {
        await grains.GetGrain<IMonitorGrain>(RoutingKeys.Monitor).SetExperiment(null);
        return TypedResults.NoContent();
    }
}
