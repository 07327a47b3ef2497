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

/// <summary><c>/api/appointments</c>: appointments with their history, by provider and window, and status changes.</summary>
internal static class AppointmentEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPut("/appointments/{id}", Upsert)
            .RequireAuthorization(Policies.Scheduling)
            .WithName("PutAppointment")
            .WithSummary("Creates or replaces an appointment (201 when created); a changed status must be a legal FHIR transition.")
            .Accepts<Appointment>("application/json")
            .Produces<AppointmentRecord>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/appointments/{id}", Get)
            .RequireAuthorization(Policies.SchedulingRead)
            .WithName("GetAppointment")
            .WithSummary("An appointment and the history of its status.")
            .Produces<AppointmentRecord>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/appointments", FindByProvider)
            .RequireAuthorization(Policies.SchedulingRead)
            .WithName("FindAppointments")
            .WithSummary("A provider's appointments overlapping [from, to), by start.")
            .Produces<IReadOnlyList<ScheduledAppointment>>()
            .ProducesValidationProblem();

        api.MapPost("/appointments/{id}/status", ChangeStatus)
            .RequireAuthorization(Policies.Scheduling)
            .WithName("ChangeAppointmentStatus")
            .WithSummary("Moves an appointment to a new FHIR status (Idempotency-Key honoured); illegal transitions get 409.")
            .Accepts<AppointmentStatusRequest>("application/json")
            .Produces<AppointmentRecord>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static Task<IResult> Upsert(string id, HttpContext http, IGrainFactory grains)
        => SchedulingRequest.ReplaceAsync<Appointment, AppointmentRecord>(
            id,
            http,
            static body => body.Id,
            key => grains.GetGrain<IAppointmentGrain>(key).Get(),
            (key, body) => grains.GetGrain<IAppointmentGrain>(key).Upsert(body));

    private static Task<IResult> Get(string id, HttpContext http, IGrainFactory grains)
        => SchedulingRequest.ReadAsync(id, http, "Appointment", key => grains.GetGrain<IAppointmentGrain>(key).Get());

    private static async Task<IResult> FindByProvider(string? provider, DateTimeOffset? from, DateTimeOffset? to, HttpContext http, IGrainFactory grains)
    {
        var errors = new ValidationErrors();
        errors.RequireId(provider, "provider");
        errors.Require(from is not null, "from", "is required (ISO 8601 with offset).");
        errors.Require(to is not null, "to", "is required (ISO 8601 with offset).");
        errors.Require(from is null || to is null || from < to, "to", "must be after from.");
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var found = await grains.GetGrain<IProviderGrain>(SchedulingKeys.Of(SchedulingRequest.Tenant(http.User)!, provider!)).GetAppointments(from!.Value, to!.Value);
        return SchedulingRequest.Ok(found);
    }

    private static async Task<IResult> ChangeStatus(string id, HttpContext http, IGrainFactory grains, IOptions<SchedulingApiOptions> options)
    {
        if (SchedulingRequest.CheckId(id, "id") is { } badId)
        {
            return badId;
        }

        var tenant = SchedulingRequest.Tenant(http.User)!;
        var body = await StrictJson.ReadBodyAsync(http.Request);
        var (request, error) = StrictJson.Parse<AppointmentStatusRequest>(body);
        if (error is not null)
        {
            return error;
        }

        var grain = grains.GetGrain<IAppointmentGrain>(SchedulingKeys.Of(tenant, id));
        return await IdempotentWrite.RunAsync(http, grains, options, tenant, body, () => SchedulingRequest.GuardAsync(
            async () => SchedulingRequest.Ok(await grain.ChangeStatus(request!.Status, request.Reason))));
    }
}
