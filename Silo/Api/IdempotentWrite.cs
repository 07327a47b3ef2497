using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Reroute.Grains.Scheduling;
using Reroute.Interfaces.Scheduling;
using Reroute.Runtime;
using Reroute.Silo.Options;

namespace Reroute.Silo.Api;

/// <summary>
/// <c>Idempotency-Key</c> on POST writes: the first request with a key runs and its response is kept; the same request
/// again gets that response (header <c>Idempotent-Replayed: true</c>) without a second effect; a different request
/// under the key gets 422, and one that arrives while the first still runs gets 409. Refused requests keep nothing.
/// </summary>
internal static partial class IdempotentWrite
{
    /// <summary>The request header carrying the key.</summary>
    public const string KeyHeader = "Idempotency-Key";

    /// <summary>The response header marking a replayed response.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>Runs <paramref name="write"/> once per key; without a key it simply runs.</summary>
    public static async Task<IResult> RunAsync(
        HttpContext http, IGrainFactory grains, IOptions<SchedulingApiOptions> options, string tenant, byte[] body, Func<Task<IResult>> write)
    {
        var key = http.Request.Headers[KeyHeader].ToString();
        if (key.Length == 0)
        {
            return await write();
        }

        if (key.Length > SchedulingApiOptions.MaxIdempotencyKeyLength || !AcceptableKey().IsMatch(key))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [KeyHeader] = [$"must be 1 to {SchedulingApiOptions.MaxIdempotencyKeyLength} letters, digits or -_.: characters."],
            });
        }

        var grain = grains.GetGrain<IIdempotencyKeyGrain>(SchedulingKeys.Of(tenant, key));
        var hash = Fingerprint(http.Request, body);
        var claim = await grain.Claim(hash, options.Value.IdempotencyKeyLifetime, options.Value.IdempotencyRunningLimit);
        switch (claim.Outcome)
        {
            case IdempotencyOutcome.Replay:
                http.Response.Headers[ReplayedHeader] = "true";
                return new JsonPayloadResult(claim.StatusCode, claim.ResponseJson ?? "null");
            case IdempotencyOutcome.Mismatch:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "Idempotency key reused",
                    detail: $"The {KeyHeader} was already used for a different request.");
            case IdempotencyOutcome.InProgress:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "Request in progress",
                    detail: $"A request with this {KeyHeader} is still being processed; retry later.");
        }

        IResult result;
        try
        {
            result = await write();
        }
        catch
        {
            await grain.Release(hash);
            throw;
        }

        if (result is JsonPayloadResult payload)
        {
            await grain.Complete(hash, payload.StatusCode, payload.Json);
        }
        else
        {
            // A refused request changed nothing: forget it, so the corrected request can use the same key.
            await grain.Release(hash);
        }

        return result;
    }

    // Method, path and body: the same key on another endpoint or with another body is another request.
    private static string Fingerprint(HttpRequest request, byte[] body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"));
        sha.AppendData(body);
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    [GeneratedRegex("^[A-Za-z0-9\\-_.:]+$", RegexOptions.CultureInvariant)]
    private static partial Regex AcceptableKey();
}
