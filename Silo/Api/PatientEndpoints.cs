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

    private static Task<IResult> Upsert(string id, HttpContext http, IGrainFactory grains)
        => SchedulingRequest.ReplaceAsync<PatientProfile, PatientProfile>(
            id,
            http,
            static body => body.Id,
            key => grains.GetGrain<IPatientGrain>(key).Get(),
            (key, body) => grains.GetGrain<IPatientGrain>(key).Upsert(body));

    private static Task<IResult> Get(string id, HttpContext http, IGrainFactory grains)
        => SchedulingRequest.ReadAsync(id, http, "Patient", key => grains.GetGrain<IPatientGrain>(key).Get());
}
