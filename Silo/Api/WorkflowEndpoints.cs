using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Reroute.Grains.Scheduling;
using Reroute.Grains.Scheduling.Workflow;
using Reroute.Interfaces.Scheduling;
using Reroute.Runtime;
using Reroute.Silo.Options;
using Reroute.Silo.Security;

namespace Reroute.Silo.Api;

/// <summary><c>/api/workflow/trigger</c> and <c>/api/workflows</c>: start, follow, audit and cancel rescheduling workflows.</summary>
internal static class WorkflowEndpoints
{
    private const int DefaultListLimit = 100;
    private const int MaxListLimit = 1000;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/workflow/trigger", Trigger)
            .RequireAuthorization(Policies.Scheduling)
            .WithName("TriggerWorkflow")
            .WithSummary("A provider is unavailable: starts the rescheduling workflow (201), or returns the one already running for the same provider window (200). Idempotency-Key honoured.")
            .Accepts<TriggerRequest>("application/json")
            .Produces<WorkflowDetail>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/workflows", List)
            .RequireAuthorization(Policies.SchedulingRead)
            .WithName("ListWorkflows")
            .WithSummary("The tenant's workflows, newest first, optionally by status (running, completed, cancelled).")
            .Produces<IReadOnlyList<WorkflowListing>>();

        api.MapGet("/workflows/{id}", Get)
            .RequireAuthorization(Policies.SchedulingRead)
            .WithName("GetWorkflow")
            .WithSummary("A workflow: stages, each appointment with its trail, backfills, summary and compliance report.")
            .Produces<WorkflowDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/workflows/{id}/audit", Audit)
            .RequireAuthorization(Policies.SchedulingRead)
            .WithName("GetWorkflowAudit")
            .WithSummary("The workflow's hash-chained audit trail and whether it verifies.")
            .Produces<AuditTrailResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/workflows/{id}/cancel", Cancel)
            .RequireAuthorization(Policies.Scheduling)
            .WithName("CancelWorkflow")
            .WithSummary("Stops a running workflow: open offers are withdrawn and held slots released.")
            .Accepts<CancelRequest>("application/json")
            .Produces<WorkflowDetail>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> Trigger(HttpContext http, IGrainFactory grains, ReschedulingDesk desk, IOptions<SchedulingApiOptions> options)
    {
        var tenant = SchedulingRequest.Tenant(http.User)!;
        var body = await StrictJson.ReadBodyAsync(http.Request);
        var result = await IdempotentWrite.RunAsync(http, grains, options, tenant, body, () => SchedulingRequest.GuardAsync(async () =>
        {
            var (request, error) = StrictJson.Parse<TriggerRequest>(body);
            if (error is not null)
            {
                return error;
            }

            if (request!.Type != TriggerRequest.ProviderUnavailable)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["type"] = [$"must be '{TriggerRequest.ProviderUnavailable}'."] });
            }

            var (workflow, created) = await desk.TriggerAsync(tenant, new WorkflowTrigger
            {
                ProviderId = request.ProviderId,
                Start = request.Start,
                End = request.End,
                Reason = request.Reason,
                Source = request.Source,
            });
            return SchedulingRequest.Ok(WorkflowDetail.Of(workflow), created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        }));

        // From the body rather than inside the write, so that a replayed response (after a lost one) carries it too.
        if (result is JsonPayloadResult { StatusCode: StatusCodes.Status200OK or StatusCodes.Status201Created } payload)
        {
            using var written = JsonDocument.Parse(payload.Json);
            http.Response.Headers.Location = $"/api/workflows/{written.RootElement.GetProperty("workflowId").GetString()}";
        }

        return result;
    }

    private static async Task<IResult> List(string? status, int? limit, HttpContext http, ReschedulingDesk desk)
    {
        WorkflowStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<WorkflowStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["must be running, completed or cancelled."] });
            }

            wanted = parsed;
        }

        if (limit is < 1 or > MaxListLimit)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"must be between 1 and {MaxListLimit}."] });
        }

        var tenant = SchedulingRequest.Tenant(http.User)!;
        return SchedulingRequest.Ok(await desk.ListAsync(tenant, wanted, limit ?? DefaultListLimit));
    }

    private static async Task<IResult> Get(string id, HttpContext http, IGrainFactory grains)
    {
        var (view, error) = await Read(id, http, grains);
        return error ?? SchedulingRequest.Ok(WorkflowDetail.Of(view!));
    }

    private static async Task<IResult> Audit(string id, HttpContext http, IGrainFactory grains)
    {
        var (view, error) = await Read(id, http, grains);
        return error ?? SchedulingRequest.Ok(new AuditTrailResponse(view!.WorkflowId, AuditChain.Verify(view.Audit), view.Audit));
    }

    private static async Task<IResult> Cancel(string id, HttpContext http, IGrainFactory grains)
    {
        var (view, error) = await Read(id, http, grains);
        if (error is not null)
        {
            return error;
        }

        var (request, invalid) = await StrictJson.ReadAsync<CancelRequest>(http.Request);
        if (invalid is not null)
        {
            return invalid;
        }

        return await SchedulingRequest.GuardAsync(async () =>
        {
            var tenant = SchedulingRequest.Tenant(http.User)!;
            var cancelled = await grains.GetGrain<IReschedulingWorkflowGrain>(SchedulingKeys.Of(tenant, view!.WorkflowId)).Cancel(request!.Reason);
            return SchedulingRequest.Ok(WorkflowDetail.Of(cancelled));
        });
    }

    private static async Task<(WorkflowView? View, IResult? Error)> Read(string id, HttpContext http, IGrainFactory grains)
    {
        if (SchedulingRequest.CheckId(id, "id") is { } invalid)
        {
            return (null, invalid);
        }

        var tenant = SchedulingRequest.Tenant(http.User)!;
        var view = await grains.GetGrain<IReschedulingWorkflowGrain>(SchedulingKeys.Of(tenant, id)).Get();
        return view is null ? (null, SchedulingRequest.NotFound("Workflow", id)) : (view, null);
    }
}
