using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Reroute.Runtime.Serialization;

namespace Reroute.Silo.Api;

/// <summary>
/// Strict JSON request bodies for every endpoint that takes one: malformed JSON, an unknown or misspelt field, a value of
/// the wrong type and a missing required field are each a 400 validation problem naming the field and saying which of
/// those it is. Minimal-API parameter binding answers all of them with a bare 400 and ignores unknown fields, so bodies are
/// read with this instead.
/// </summary>
internal static partial class StrictJson
{
    private const string Root = "$";

    /// <summary>
    /// Web defaults with enums as strings, unknown members refused and field names matched exactly (camelCase), so that a
    /// misspelt field such as <c>providerID</c> is refused rather than read or ignored.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>
    /// Reads the request body as <typeparamref name="T"/>; on failure, a 400 validation problem naming the field. Exactly
    /// one of the two is set, so a caller may test the value for null and return the error.
    /// </summary>
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request)
        where T : class =>
        Parse<T>(await ReadBodyAsync(request));

    /// <summary>Reads <paramref name="body"/> as <typeparamref name="T"/>; on failure, a 400 validation problem naming the field.</summary>
    public static (T? Value, IResult? Error) Parse<T>(byte[] body)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, Options) is { } value
                ? (value, null)
                : (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { [Root] = ["a JSON object is required."] }));
        }
        catch (JsonException ex)
        {
            return (null, TypedResults.ValidationProblem(Errors(ex, typeof(T))));
        }
    }

    /// <summary>The request body, bounded by the server's request size limit (over it: 413 from the pipeline).</summary>
    public static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }

    private static Dictionary<string, string[]> Errors(JsonException ex, Type bodyType)
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
        return new Dictionary<string, string[]> { [field.Length == 0 ? Root : field] = [Describe(ex, bodyType)] };
    }

    private static string Describe(JsonException ex, Type bodyType)
    {
        // The reader's own exception is kept as the inner one when the text is not JSON at all; its message says where.
        if (ex.InnerException is JsonException malformed)
        {
            return $"malformed JSON: {malformed.Message}";
        }

        // Otherwise the JSON was well formed, so the path leads either to a member of the body (the value had the wrong
        // type) or, in its last step, to a name the body does not have (an unknown field).
        return Resolve(bodyType, ex.Path) switch
        {
            { Found: true, Type: var type } => $"expected {Expected(type!)}.",
            { UnknownName: true } => "unknown field (field names are case-sensitive camelCase).",
            _ => "is not valid here: malformed JSON, an unknown field, or a value of the wrong type or format.",
        };
    }

    // Walks "$.device.batteryPercent" or "$.hostedModels[0]" through the serializer's own metadata of the body type ("$" is
    // the body itself, e.g. an array where an object belongs).
    private static (bool Found, bool UnknownName, Type? Type) Resolve(Type bodyType, string? path)
    {
        var steps = PathStep().Matches(path ?? string.Empty);
        var type = bodyType;
        for (var i = 0; i < steps.Count; i++)
        {
            var info = Options.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);
            var step = steps[i];
            var named = !step.Groups["index"].Success;
            Type? next = info.Kind switch
            {
                JsonTypeInfoKind.Object when named =>
                    info.Properties.FirstOrDefault(p => string.Equals(p.Name, NameOf(step), StringComparison.Ordinal))?.PropertyType,
                JsonTypeInfoKind.Enumerable when !named => info.ElementType,
                JsonTypeInfoKind.Dictionary when named => info.ElementType,
                _ => null,
            };
            if (next is null)
            {
                return (false, named && info.Kind == JsonTypeInfoKind.Object && i == steps.Count - 1, null);
            }

            type = next;
        }

        return (true, false, type);
    }

    private static string NameOf(Match step) =>
        step.Groups["name"].Success ? step.Groups["name"].Value : step.Groups["quoted"].Value.Replace("''", "'", StringComparison.Ordinal);

    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            return $"one of {string.Join(", ", Enum.GetNames(type))}";
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => "true or false",
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32
                or TypeCode.Int64 or TypeCode.UInt64 => "a whole number",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number",
            TypeCode.String or TypeCode.Char => "a string",
            TypeCode.DateTime => "an ISO 8601 date and time",
            _ when type == typeof(DateTimeOffset) => "an ISO 8601 date and time with its offset",
            _ when type == typeof(DateOnly) => "an ISO 8601 date (yyyy-MM-dd)",
            _ when type == typeof(TimeOnly) || type == typeof(TimeSpan) => "a time (HH:mm:ss)",
            _ => Options.GetTypeInfo(type).Kind switch
            {
                JsonTypeInfoKind.Enumerable => "an array",
                JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "an object",
                _ => "a value of another format",
            },
        };
    }

    // "$.location.latitude" → "location.latitude", the same names the validators use.
    private static string FieldOf(string? path) => path is null ? string.Empty : path.TrimStart('$').TrimStart('.');

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(RuntimeJson.Options)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            PropertyNameCaseInsensitive = false,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    [GeneratedRegex("'([^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedName();

    // One step of a System.Text.Json path: ".name", "['odd name']" or "[3]".
    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>(?:[^']|'')*)'\]|\[(?<index>\d+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex PathStep();
}
