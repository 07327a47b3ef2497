using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Reroute.Grains.Scheduling;
using Reroute.Grains.Scheduling.Workflow;
using Reroute.Interfaces.Scheduling;
using Reroute.Runtime;
using Reroute.Silo.Security;

namespace Reroute.Silo.Api;

/// <summary>
/// Stage 5 and its reviews inside the tenant: offers, patients' messages (the outbox, where a person can read and click
/// the links), and the head-of-department escalation queue.
/// </summary>
internal static class ConsentEndpoints
{
    private const int DefaultMessageLimit = 50;
    private const int MaxMessageLimit = 500;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/offers/{id}", GetOffer)
            .RequireAuthorization(Policies.SchedulingRead)
            .WithName("GetOffer")
            .WithSummary("A consent offer: slot, channel, expiry and answer.")
            .Produces<ConsentOffer>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/patients/{id}/messages", Messages)
            .RequireAuthorization(Policies.SchedulingRead)
            .WithName("GetPatientMessages")
            .WithSummary("The patient's outbox, newest first: every message sent or kept for them, with its delivery status.")
            .Produces<IReadOnlyList<OutboundMessage>>();

        api.MapGet("/escalations", ListEscalations)
            .RequireAuthorization(Policies.SchedulingRead)
            .WithName("ListEscalations")
            .WithSummary("The head-of-department queue, oldest first, optionally by status (open, resolved).")
            .Produces<IReadOnlyList<EscalationCase>>();

        api.MapGet("/escalations/{id}", GetEscalation)
            .RequireAuthorization(Policies.SchedulingRead)
            .WithName("GetEscalation")
            .WithSummary("One escalation case.")
            .Produces<EscalationCase>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/escalations/{id}", Resolve)
            .RequireAuthorization(Policies.HeadOfDepartment)
            .WithName("ResolveEscalation")
            .WithSummary("A head of department decides: approve_provider (optionally another candidate provider), waitlist or cancel; the workflow resumes.")
            .Accepts<ResolveRequest>("application/json")
            .Produces<EscalationCase>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> GetOffer(string id, HttpContext http, IGrainFactory grains)
    {
        if (SchedulingRequest.CheckId(id, "id") is { } invalid)
        {
            return invalid;
        }

        var offer = await grains.GetGrain<IOfferGrain>(SchedulingKeys.Of(SchedulingRequest.Tenant(http.User)!, id)).Get();
        return offer is null ? SchedulingRequest.NotFound("Offer", id) : SchedulingRequest.Ok(offer);
    }

    private static async Task<IResult> Messages(string id, int? limit, HttpContext http, IGrainFactory grains)
    {
        if (SchedulingRequest.CheckId(id, "id") is { } invalid)
        {
            return invalid;
        }

        if (limit is < 1 or > MaxMessageLimit)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"must be between 1 and {MaxMessageLimit}."] });
        }

        var key = SchedulingKeys.Of(SchedulingRequest.Tenant(http.User)!, id);
        return SchedulingRequest.Ok(await grains.GetGrain<IOutboxGrain>(key).List(limit ?? DefaultMessageLimit));
    }

    private static async Task<IResult> ListEscalations(string? status, HttpContext http, IGrainFactory grains)
    {
        EscalationStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<EscalationStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["must be open or resolved."] });
            }

            wanted = parsed;
        }

        return SchedulingRequest.Ok(await grains.GetGrain<IEscalationGrain>(SchedulingRequest.Tenant(http.User)!).List(wanted));
    }

    private static async Task<IResult> GetEscalation(string id, HttpContext http, IGrainFactory grains)
    {
        if (SchedulingRequest.CheckId(id, "id") is { } invalid)
        {
            return invalid;
        }

        var found = await grains.GetGrain<IEscalationGrain>(SchedulingRequest.Tenant(http.User)!).Get(id);
        return found is null ? SchedulingRequest.NotFound("Escalation", id) : SchedulingRequest.Ok(found);
    }

    private static async Task<IResult> Resolve(string id, HttpContext http, ReschedulingDesk desk)
    {
        if (SchedulingRequest.CheckId(id, "id") is { } invalid)
        {
            return invalid;
        }

        var (request, error) = await StrictJson.ReadAsync<ResolveRequest>(http.Request);
        if (error is not null)
        {
            return error;
        }

        return await SchedulingRequest.GuardAsync(async () =>
        {
            try
            {
                var resolved = await desk.ResolveAsync(SchedulingRequest.Tenant(http.User)!, id, new EscalationResolution
                {
                    Action = request!.Action,
                    ProviderId = request.ProviderId,
                    Note = request.Note,
                    ResolvedBy = http.User.FindFirst(ClaimNames.Subject)?.Value ?? string.Empty,
                });
                return SchedulingRequest.Ok(resolved);
            }
            catch (EscalationConflictException conflict)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: conflict.Message);
            }
        });
    }
}
