using System.Text.Json;

namespace Reroute.Client;

/// <summary>
/// An RFC 7807 problem the silo answered with (<c>application/problem+json</c>). When a response carries no problem
/// body (e.g. a proxy's HTML error page), <see cref="Title"/> and <see cref="Status"/> come from the HTTP status line.
/// </summary>
public sealed record RerouteProblem
{
    /// <summary>A URI reference identifying the problem type; null when the silo gave none.</summary>
    public string? Type { get; init; }

    /// <summary>A short summary of the problem type, e.g. <c>Forbidden</c>.</summary>
    public required string Title { get; init; }

    /// <summary>The HTTP status code.</summary>
    public required int Status { get; init; }

    /// <summary>What went wrong in this occurrence, for people.</summary>
    public string? Detail { get; init; }

    /// <summary>A URI reference identifying this occurrence.</summary>
    public string? Instance { get; init; }

    /// <summary>The silo's trace id of the failed request (W3C trace context), for its traces.</summary>
    public string? TraceId { get; init; }

    /// <summary>
    /// The correlation id the silo logged the request under: the silo's word when it gave one, otherwise the
    /// <c>X-Correlation-Id</c> response header, otherwise the id the client sent.
    /// </summary>
    public string? CorrelationId { get; init; }

    /// <summary>Validation errors by field, when the silo rejected the request's content; null otherwise.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    /// <summary>Any other members of the problem body, for problem types that carry their own data.</summary>
    public IReadOnlyDictionary<string, JsonElement> Extensions { get; init; } = new Dictionary<string, JsonElement>();
}
