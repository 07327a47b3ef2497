using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Reroute.Interfaces.Scheduling;
using Reroute.Runtime;
using Reroute.Silo.Security;

namespace Reroute.Silo.Api;

/// <summary><c>/api/knowledge</c>: the caller's tenant's rules, weights and thresholds, versioned.</summary>
internal static class KnowledgeEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/knowledge", Get)
            .RequireAuthorization(Policies.SchedulingRead)
            .WithName("GetKnowledge")
            .WithSummary("The current version of the tenant's scheduling knowledge (version 0: the design's defaults).")
            .Produces<KnowledgeVersion>();

        api.MapGet("/knowledge/history", History)
            .RequireAuthorization(Policies.SchedulingRead)
            .WithName("GetKnowledgeHistory")
            .WithSummary("Every version of the tenant's scheduling knowledge, oldest first.")
            .Produces<IReadOnlyList<KnowledgeVersion>>();

        api.MapPut("/knowledge", Update)
            .RequireAuthorization(Policies.Scheduling)
            .WithName("PutKnowledge")
            .WithSummary("Stores new scheduling knowledge as the next version; invalid weights or thresholds get 400 by field.")
            .Accepts<SchedulingKnowledge>("application/json")
            .Produces<KnowledgeVersion>()
            .ProducesValidationProblem();
    }

    private static async Task<IResult> Get(HttpContext http, IGrainFactory grains) =>
        SchedulingRequest.Ok(await Knowledge(http, grains).Get());

    private static async Task<IResult> History(HttpContext http, IGrainFactory grains) =>
        SchedulingRequest.Ok(await Knowledge(http, grains).GetHistory());

    private static async Task<IResult> Update(HttpContext http, IGrainFactory grains)
    {
        var (knowledge, error) = await StrictJson.ReadAsync<SchedulingKnowledge>(http.Request);
        if (error is not null)
        {
            return error;
        }

        var grain = Knowledge(http, grains);
        return await SchedulingRequest.GuardAsync(async () => SchedulingRequest.Ok(await grain.Update(knowledge!)));
    }

    private static IKnowledgeGrain Knowledge(HttpContext http, IGrainFactory grains) =>
        grains.GetGrain<IKnowledgeGrain>(SchedulingRequest.Tenant(http.User)!);
}
