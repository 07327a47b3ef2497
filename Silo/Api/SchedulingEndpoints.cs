using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Reroute.Silo.Api;

/// <summary>
/// The scheduling records' API: providers, patients, appointments, waitlists and the tenant's knowledge. Reads need
/// policy SchedulingRead (which admits auditors), writes policy Scheduling; the tenant comes from the token.
/// </summary>
public static class SchedulingEndpoints
{
    /// <summary>Maps every scheduling record endpoint under <c>/api</c>.</summary>
    public static IEndpointRouteBuilder MapSchedulingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api")
            .WithTags("Scheduling")
            .AddEndpointFilter(static (context, next) => SchedulingRequest.RequireTenant(context.HttpContext.User) is { } refusal
                ? ValueTask.FromResult<object?>(refusal)
                : next(context))
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        ProviderEndpoints.Map(api);
        PatientEndpoints.Map(api);
        AppointmentEndpoints.Map(api);
        WaitlistEndpoints.Map(api);
        KnowledgeEndpoints.Map(api);
        WorkflowEndpoints.Map(api);
        ConsentEndpoints.Map(api);
        return endpoints;
    }
}
