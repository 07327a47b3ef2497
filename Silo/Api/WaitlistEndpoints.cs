using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Reroute.Grains.Scheduling;
using Reroute.Interfaces.Scheduling;
using Reroute.Runtime;
using Reroute.Silo.Options;
using Reroute.Silo.Security;

namespace Reroute.Silo.Api;

/// <summary><c>/api/waitlists/{clinic}/{discipline}</c>: the waitlist of one clinic and discipline.</summary>
internal static class WaitlistEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/waitlists/{clinic}/{discipline}", List)
            .RequireAuthorization(Policies.SchedulingRead)
            .WithName("GetWaitlist")
            .WithSummary("The waitlist, highest priority first, then longest waiting.")
            .Produces<IReadOnlyList<WaitlistEntry>>();

        api.MapPost("/waitlists/{clinic}/{discipline}", Add)
            .RequireAuthorization(Policies.Scheduling)
            .WithName("AddWaitlistEntry")
            .WithSummary("Adds a patient or changes their priority (Idempotency-Key honoured).")
            .Accepts<WaitlistEntryRequest>("application/json")
            .Produces<WaitlistEntry>()
            .ProducesValidationProblem();

        api.MapDelete("/waitlists/{clinic}/{discipline}/{patientId}", Remove)
            .RequireAuthorization(Policies.Scheduling)
            .WithName("RemoveWaitlistEntry")
            .WithSummary("Takes a patient off the waitlist.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> List(string clinic, string discipline, HttpContext http, IGrainFactory grains)
    {
        if (CheckList(clinic, discipline) is { } bad)
        {
            return bad;
        }

        return SchedulingRequest.Ok(await Waitlist(http, grains, clinic, discipline).List());
    }

    private static async Task<IResult> Add(string clinic, string discipline, HttpContext http, IGrainFactory grains, IOptions<SchedulingApiOptions> options)
    {
        if (CheckList(clinic, discipline) is { } bad)
        {
            return bad;
        }

        var body = await StrictJson.ReadBodyAsync(http.Request);
        var (request, error) = StrictJson.Parse<WaitlistEntryRequest>(body);
        if (error is not null)
        {
            return error;
        }

        var waitlist = Waitlist(http, grains, clinic, discipline);
        return await IdempotentWrite.RunAsync(http, grains, options, SchedulingRequest.Tenant(http.User)!, body, () => SchedulingRequest.GuardAsync(
            async () => SchedulingRequest.Ok(await waitlist.Add(request!.PatientId, request.Priority))));
    }

    private static async Task<IResult> Remove(string clinic, string discipline, string patientId, HttpContext http, IGrainFactory grains)
    {
        if ((CheckList(clinic, discipline) ?? SchedulingRequest.CheckId(patientId, "patientId")) is { } bad)
        {
            return bad;
        }

        return await Waitlist(http, grains, clinic, discipline).Remove(patientId)
            ? TypedResults.NoContent()
            : SchedulingRequest.NotFound("Waitlist entry of patient", patientId);
    }

    private static IResult? CheckList(string clinic, string discipline) =>
        SchedulingRequest.CheckId(clinic, "clinic") ?? SchedulingRequest.CheckId(discipline, "discipline");

    private static IWaitlistGrain Waitlist(HttpContext http, IGrainFactory grains, string clinic, string discipline) =>
        grains.GetGrain<IWaitlistGrain>(SchedulingKeys.OfWaitlist(SchedulingRequest.Tenant(http.User)!, clinic, discipline));
}
