using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Reroute.Silo.Security;

namespace Reroute.Silo.Api;

/// <summary>The caller's own identity.</summary>
public static class MeEndpoints
{
    /// <summary>Maps <c>GET /api/me</c>: subject, roles and tenant of the token, for any known role.</summary>
    public static IEndpointRouteBuilder MapMeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        endpoints.MapGet("/api/me", (ClaimsPrincipal user) => TypedResults.Ok(new MeResponse(
                user.FindFirst(ClaimNames.Subject)?.Value,
                user.FindAll(ClaimNames.Role).Select(c => c.Value).ToList(),
                user.FindFirst(ClaimNames.Tenant)?.Value)))
            .RequireAuthorization(Policies.AnyRole)
            .WithName("GetMe")
            .WithSummary("The caller's subject, roles and tenant.")
            .WithTags("Identity")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return endpoints;
    }
}
