using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Reroute.Grains.Scheduling;
using Reroute.Interfaces.Scheduling;
using Reroute.Runtime;
using Reroute.Silo.Security;

namespace Reroute.Silo.Api;

/// <summary><c>/api/patients</c>: patient profiles.</summary>
internal static class PatientEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPut("/patients/{id}", Upsert)
            .RequireAuthorization(Policies.Scheduling)
            .WithName("PutPatient")
            .WithSummary("Creates or replaces a patient's profile (201 when created).")
            .Accepts<PatientProfile>("application/json")
            .Produces<PatientProfile>()
            .ProducesValidationProblem();

        api.MapGet("/patients/{id}", Get)
            .RequireAuthorization(Policies.SchedulingRead)
            .WithName("GetPatient")
            .WithSummary("A patient's profile.")
            .Produces<PatientProfile>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> Upsert(string id, HttpContext http, IGrainFactory grains)
    {
        if (SchedulingRequest.CheckId(id, "id") is { } badId)
        {
            return badId;
        }

        var (profile, error) = SchedulingRequest.Parse<PatientProfile>(await SchedulingRequest.ReadBodyAsync(http.Request));
        if (error is not null)
        {
            return error;
        }

        if (profile!.Id != id)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["must equal the id in the path."] });
        }

        var grain = grains.GetGrain<IPatientGrain>(SchedulingKeys.Of(SchedulingRequest.Tenant(http.User)!, id));
        return await SchedulingRequest.GuardAsync(async () =>
        {
            var existed = await grain.Get() is not null;
            var saved = await grain.Upsert(profile);
            return SchedulingRequest.Ok(saved, existed ? StatusCodes.Status200OK : StatusCodes.Status201Created);
        });
    }

    private static async Task<IResult> Get(string id, HttpContext http, IGrainFactory grains)
    {
        if (SchedulingRequest.CheckId(id, "id") is { } badId)
        {
            return badId;
        }

        var profile = await grains.GetGrain<IPatientGrain>(SchedulingKeys.Of(SchedulingRequest.Tenant(http.User)!, id)).Get();
        return profile is null ? SchedulingRequest.NotFound("Patient", id) : SchedulingRequest.Ok(profile);
    }
}
