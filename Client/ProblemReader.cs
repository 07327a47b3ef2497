using System.Text.Json;

namespace Reroute.Client;

/// <summary>Turns an error response into a <see cref="RerouteProblem"/>, whatever the body turns out to be.</summary>
internal static class ProblemReader
{
    private static readonly HashSet<string> KnownMembers = new(StringComparer.Ordinal)
    {
        "type", "title", "status", "detail", "instance", "traceId", "correlationId", "errors",
    };

    public static async Task<RerouteProblem> ReadAsync(HttpResponseMessage response, string sentCorrelationId, CancellationToken cancellationToken)
    {
        var headerCorrelationId = response.Headers.TryGetValues(RerouteHeaders.CorrelationId, out var values) ? values.FirstOrDefault() : null;
        var fallbackTitle = string.IsNullOrWhiteSpace(response.ReasonPhrase) ? response.StatusCode.ToString() : response.ReasonPhrase;
        var fallback = new RerouteProblem
        {
            Title = fallbackTitle,
            Status = (int)response.StatusCode,
            CorrelationId = headerCorrelationId ?? sentCorrelationId,
        };

        if (!IsJson(response))
        {
            // A proxy's HTML page or plain text says nothing a caller can act on, and may be large: keep the status line.
            return fallback;
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return fallback;
            }

            return fallback with
            {
                Type = String(root, "type"),
                Title = String(root, "title") ?? fallbackTitle,
                Status = root.TryGetProperty("status", out var status) && status.TryGetInt32(out var code) ? code : fallback.Status,
                Detail = String(root, "detail"),
                Instance = String(root, "instance"),
                TraceId = String(root, "traceId"),
                CorrelationId = String(root, "correlationId") ?? fallback.CorrelationId,
                Errors = Errors(root),
                Extensions = root.EnumerateObject()
                    .Where(p => !KnownMembers.Contains(p.Name))
                    .ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal),
            };
        }
        catch (JsonException)
        {
            return fallback;
        }
    }

    private static bool IsJson(HttpResponseMessage response)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        return mediaType is not null
            && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Dictionary<string, string[]>? Errors(JsonElement root)
    {
        if (!root.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var field in errors.EnumerateObject())
        {
            result[field.Name] = field.Value.ValueKind switch
            {
                JsonValueKind.Array => field.Value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToArray(),
                JsonValueKind.String => [field.Value.GetString()!],
                _ => [field.Value.GetRawText()],
            };
        }

        return result;
    }
}
