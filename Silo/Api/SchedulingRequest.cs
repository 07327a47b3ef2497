using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Reroute.Grains.Scheduling;
using Reroute.Runtime.Serialization;
using Reroute.Silo.Security;

namespace Reroute.Silo.Api;

/// <summary>
/// What every scheduling endpoint shares: the caller's tenant, strict JSON bodies whose failures name the field, JSON
/// responses, and the mapping of the grains' refusals to RFC 7807 problems.
/// </summary>
internal static partial class SchedulingRequest
{
    /// <summary>Web defaults with enums as strings, and unknown members refused so that a misspelt field is not ignored.</summary>
    public static JsonSerializerOptions Json { get; } = CreateJson();

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
        new(statusCode, JsonSerializer.Serialize(value, Json));

    /// <summary>The 404 of an unknown record.</summary>
    public static IResult NotFound(string what, string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: $"{what} '{id}' does not exist.");

    /// <summary>Reads the body as <typeparamref name="T"/>; on failure, a 400 validation problem naming the field.</summary>
    public static (T? Value, IResult? Error) Parse<T>(byte[] body)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, Json) is { } value
                ? (value, null)
                : (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$"] = ["a JSON object is required."] }));
        }
        catch (JsonException ex)
        {
            return (null, TypedResults.ValidationProblem(JsonErrors(ex)));
        }
    }

    /// <summary>The request body, bounded by the server's request size limit (over it: 413 from the pipeline).</summary>
    public static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }

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

    private static Dictionary<string, string[]> JsonErrors(JsonException ex)
    {
        // A missing required member is reported on the object; name each member the serializer listed instead.
        var message = ex.Message;
        var marker = message.IndexOf("missing required properties", StringComparison.Ordinal);
        if (marker >= 0)
        {
            var prefix = FieldOf(ex.Path);
            return QuotedName().Matches(message[marker..])
                .Select(m => prefix.Length == 0 ? m.Groups[1].Value : $"{prefix}.{m.Groups[1].Value}")
                .Distinct(StringComparer.Ordinal)
                .ToDictionary(static f => f, static _ => new[] { "is required." }, StringComparer.Ordinal);
        }

        var field = FieldOf(ex.Path);
        return new Dictionary<string, string[]>
        {
            [field.Length == 0 ? "$" : field] = ["is not valid here: malformed JSON, an unknown field, or a value of the wrong type or format."],
        };
    }

    // "$.location.latitude" → "location.latitude", the same names the validators use.
    private static string FieldOf(string? path) => path is null ? string.Empty : path.TrimStart('$').TrimStart('.');

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(RuntimeJson.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    [GeneratedRegex("'([^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedName();
}
