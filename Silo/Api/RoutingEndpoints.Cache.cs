using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Reroute.Interfaces.Routing;
using Reroute.Runtime;
using Reroute.Silo.Security;

namespace Reroute.Silo.Api;

/// <summary>
/// A node's model cache: <c>GET /api/mec/nodes/{id}/cache</c> is the plan its agent follows (load what is listed, unload
/// what is not) and <c>POST /api/mec/nodes/{id}/cache/{model}</c> deploys a model there, evicting by the cache's policy.
/// </summary>
public static partial class RoutingEndpoints
{
    private static void MapCache(RouteGroupBuilder nodes)
    {
        nodes.MapGet("/{id}/cache", GetCache).RequireAuthorization(Policies.MecNode)
            .WithName("GetMecNodeCache").WithSummary("The node's model cache: warm and loading models, their memory and use.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        nodes.MapPost("/{id}/cache/{model}", DeployModel).RequireAuthorization(Policies.Operations)
            .WithName("DeployMecNodeModel").WithSummary("Loads a model on the node, evicting idle models by size-weighted LRU if memory is short; never one in use.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> GetCache(string id, IGrainFactory grains) =>
        await grains.GetGrain<IResourceGrain>(id).Snapshot() is null
            ? UnknownNode(id)
            : TypedResults.Ok(await grains.GetGrain<ICacheGrain>(id).Status());

    private static async Task<IResult> DeployModel(string id, string model, IGrainFactory grains)
    {
        try
        {
            var result = await grains.GetGrain<ICacheGrain>(id).Deploy(model);
            return result.Outcome switch
            {
                DeployOutcome.NotHosted => TypedResults.Problem(
                    statusCode: StatusCodes.Status422UnprocessableEntity, title: "Model not hosted", detail: $"Node '{id}' does not host model '{model}'."),
                DeployOutcome.NoRoom => TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict, title: "No room", detail: $"Node '{id}' cannot fit model '{model}': every other model is in use or loading."),
                _ => TypedResults.Ok(result),
            };
        }
        catch (KeyNotFoundException)
        {
            return UnknownNode(id);
        }
    }
}
