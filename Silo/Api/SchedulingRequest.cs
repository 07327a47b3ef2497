using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Reroute.Grains.Scheduling;
using Reroute.Silo.Security;

namespace Reroute.Silo.Api;

/// <summary>
/// What every scheduling endpoint shares: the caller's tenant, JSON responses, and the mapping of the grains' refusals to
/// RFC 7807 problems. Bodies are read with <see cref="StrictJson"/>.
/// </summary>
internal static partial class SchedulingRequest
{
    /// <summary>The tenant of the caller's token; null when the token has none.</summary>
    public static string? Tenant(ClaimsPrincipal user) => user.FindFirst(ClaimNames.Tenant)?.Value is { Length: > 0 } tenant ? tenant : null;

    /// <summary>Scheduling data belongs to a tenant: a token without one may not touch it.</summary>
    public static IResult? RequireTenant(ClaimsPrincipal user) => Tenant(user) is null
        ? TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "The token carries no tenant; scheduling data is kept per tenant.")
        : null;

    /// <summary>A 400 naming <paramref name="field"/> unless <paramref name="id"/> is a FHIR id.</summary>
    public static IResult? CheckId(string? id, string field) => SchedulingKeys.IsValidId(id)
        ? null
        : TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = ["must be 1 to 64 letters, digits, '-' or '.'."] });

    /// <summary>Serializes <paramref name="value"/> as the response.</summary>
    public static JsonPayloadResult Ok<T>(T value, int statusCode = StatusCodes.Status200OK) =>
        new(statusCode, JsonSerializer.Serialize(value, StrictJson.Options));

    /// <summary>The 404 of an unknown record.</summary>
    public static IResult NotFound(string what, string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: $"{what} '{id}' does not exist.");

    /// <summary>Runs a grain call, turning the grains' refusals into problems: 400 by field, 404, 409.</summary>
    public static async Task<IResult> GuardAsync(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (SchedulingValidationException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors.ToDictionary());
        }
        catch (KeyNotFoundException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: ex.Message);
        }
        catch (Exception ex) when (ex is AppointmentTransitionException or SlotBookingException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: ex.Message);
        }
    }
}
