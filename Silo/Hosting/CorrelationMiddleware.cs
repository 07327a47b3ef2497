using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Reroute.Runtime;

namespace Reroute.Silo.Hosting;

/// <summary>
/// Gives every request a correlation id: the caller's <c>X-Correlation-Id</c> when it is sane, a new one otherwise.
/// The id is echoed in the response, put in <see cref="RequestContext"/> (so grain calls carry it) and in a logging scope.
/// </summary>
public sealed class CorrelationMiddleware(RequestDelegate next, ILogger<CorrelationMiddleware> logger)
{
    /// <summary>The header carrying the correlation id both ways.</summary>
    public const string HeaderName = "X-Correlation-Id";

    /// <summary>The logging scope property.</summary>
    public const string ScopeKey = "CorrelationId";

    private static readonly object ItemKey = new();

    // A caller's id goes into every log line: bound its length and alphabet so it cannot forge or flood log entries.
    private const int MaxLength = 128;

    /// <summary>Runs the rest of the pipeline under the request's correlation id.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[HeaderName].ToString();
        var correlationId = IsAcceptable(incoming) ? incoming : Guid.NewGuid().ToString("N");
        context.Items[ItemKey] = correlationId;
        context.Response.OnStarting(() =>
        {
            // Set as the response starts: the exception handler clears headers set before it runs.
            context.Response.Headers[HeaderName] = correlationId;
            return Task.CompletedTask;
        });

        var previous = RequestContext.Snapshot;
        RequestContext.CorrelationId = correlationId;
        try
        {
            using (logger.BeginScope(new LogScope([new(ScopeKey, correlationId)])))
            {
                await next(context);
            }
        }
        finally
        {
            RequestContext.Snapshot = previous;
        }
    }

    /// <summary>The correlation id of a request this middleware has seen; null otherwise.</summary>
    public static string? GetCorrelationId(HttpContext context) =>
        context?.Items.TryGetValue(ItemKey, out var value) == true ? value as string : null;

    private static bool IsAcceptable(string value) =>
        value.Length is > 0 and <= MaxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
