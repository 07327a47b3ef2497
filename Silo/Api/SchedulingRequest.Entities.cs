using Microsoft.AspNetCore.Http;
using Reroute.Grains.Scheduling;

namespace Reroute.Silo.Api;

internal static partial class SchedulingRequest
{
    /// <summary>
    /// PUT of a tenant's entity by id, the same for every entity: the id is checked, the body parsed strictly, the body's
    /// id must equal the path's, then the grain replaces the record (201 when it is new, 200 when it replaced one).
    /// </summary>
    public static async Task<IResult> ReplaceAsync<TBody, TStored>(
        string id,
        HttpContext http,
        Func<TBody, string> bodyId,
        Func<string, Task<TStored?>> read,
        Func<string, TBody, Task<TStored>> replace)
        where TBody : class
        where TStored : class
    {
        if (CheckId(id, "id") is { } badId)
        {
            return badId;
        }

        var (body, error) = await StrictJson.ReadAsync<TBody>(http.Request);
        if (error is not null)
        {
            return error;
        }

        if (bodyId(body!) != id)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["must equal the id in the path."] });
        }

        var key = SchedulingKeys.Of(Tenant(http.User)!, id);
        return await GuardAsync(async () =>
        {
            var existed = await read(key) is not null;
            var saved = await replace(key, body!);
            return Ok(saved, existed ? StatusCodes.Status200OK : StatusCodes.Status201Created);
        });
    }

    /// <summary>GET of a tenant's entity by id: 400 for a malformed id, 404 naming <paramref name="kind"/> when absent.</summary>
    public static async Task<IResult> ReadAsync<TStored>(string id, HttpContext http, string kind, Func<string, Task<TStored?>> read)
        where TStored : class
    {
        if (CheckId(id, "id") is { } badId)
        {
            return badId;
        }

        var stored = await read(SchedulingKeys.Of(Tenant(http.User)!, id));
        return stored is null ? NotFound(kind, id) : Ok(stored);
    }
}
