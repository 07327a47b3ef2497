using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Reroute.Grains.Scheduling.Fhir;

/// <summary>Reading FHIR JSON elements: primitives, repeated elements, extensions, references and date/time types.</summary>
internal static partial class FhirJson
{
    /// <summary>"yyyy-MM-dd".</summary>
    private const int DateLength = 10;

    /// <summary>A string property; null when absent. A value of another JSON type is a problem.</summary>
    public static string? String(JsonElement element, string name, string path, FhirProblems problems)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add($"{path}.{name}", "must be a string.");
            return null;
        }

        return value.GetString();
    }

    /// <summary>The items of a repeated element (an object where an array belongs is read as one item, as lenient parsers do).</summary>
    public static IEnumerable<JsonElement> Items(JsonElement element, string name) =>
        !element.TryGetProperty(name, out var value) ? []
        : value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Where(static v => v.ValueKind == JsonValueKind.Object)
        : value.ValueKind == JsonValueKind.Object ? [value]
        : [];

    /// <summary>The object property <paramref name="name"/>, if present.</summary>
    public static JsonElement? Object(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    /// <summary>The extensions of <paramref name="element"/> with <paramref name="url"/>.</summary>
    public static IEnumerable<JsonElement> Extensions(JsonElement element, string url) =>
        Items(element, "extension").Where(e => e.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String && u.GetString() == url);

    /// <summary>The single extension with <paramref name="url"/>; null when absent.</summary>
    public static JsonElement? Extension(JsonElement element, string url) =>
        Extensions(element, url).Cast<JsonElement?>().FirstOrDefault();

    /// <summary>The string value (valueCode, valueString, valueUri, …) of an extension.</summary>
    public static string? StringValue(JsonElement extension, string valueName, string path, FhirProblems problems)
    {
        var value = String(extension, valueName, path, problems);
        problems.Require(value is not null, $"{path}.{valueName}", "is required.");
        return value;
    }

    /// <summary>A valueInteger; null (and a problem) when absent or not an integer.</summary>
    public static int? IntegerValue(JsonElement extension, string path, FhirProblems problems)
    {
        if (extension.TryGetProperty("valueInteger", out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        problems.Add($"{path}.valueInteger", "is required and must be an integer.");
        return null;
    }

    /// <summary>A valueDecimal (or valueInteger); null (and a problem) when absent or not a number.</summary>
    public static double? DecimalValue(JsonElement extension, string path, FhirProblems problems)
    {
        foreach (var name in new[] { "valueDecimal", "valueInteger" })
        {
            if (extension.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number)
            {
                return value.GetDouble();
            }
        }

        problems.Add($"{path}.valueDecimal", "is required and must be a number.");
        return null;
    }

    /// <summary>The sub-extension <paramref name="url"/> of a complex extension; a problem when absent.</summary>
    public static JsonElement? Part(JsonElement extension, string url, string path, FhirProblems problems)
    {
        var part = Extension(extension, url);
        problems.Require(part is not null, $"{path}.extension('{url}')", "is required.");
        return part;
    }

    /// <summary>
    /// The target of a Reference (<c>{"reference": "Patient/P1"}</c>, also an absolute URL ending in Type/id, with or
    /// without <c>/_history/n</c>); null with a problem when absent or not a literal reference.
    /// </summary>
    public static FhirReference? Reference(JsonElement? reference, string path, FhirProblems problems)
    {
        if (reference is not { } element || String(element, "reference", path, problems) is not { } text)
        {
            problems.Add($"{path}.reference", "is required.");
            return null;
        }

        var parts = text.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var history = Array.IndexOf(parts, "_history");
        if (history >= 0)
        {
            parts = parts[..history];
        }

        if (parts.Length < 2 || !SchedulingKeys.IsValidId(parts[^1]))
        {
            problems.Add($"{path}.reference", $"'{text}' is not a literal reference of the form Type/id.");
            return null;
        }

        return new FhirReference(parts[^2], parts[^1]);
    }

    /// <summary>The code of the first coding of a CodeableConcept, else its text.</summary>
    public static string? Code(JsonElement concept) =>
        Items(concept, "coding").Select(static c => c.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null)
            .FirstOrDefault(static c => !string.IsNullOrWhiteSpace(c))
        ?? (concept.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null);

    /// <summary>A FHIR instant (date, time to the second and a time zone); null with a problem otherwise.</summary>
    public static DateTimeOffset? Instant(string? value, string path, FhirProblems problems)
    {
        if (value is null)
        {
            problems.Add(path, "is required.");
            return null;
        }

        if (InstantPattern().IsMatch(value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return instant;
        }

        problems.Add(path, $"'{value}' is not a FHIR instant (e.g. 2026-03-02T09:00:00-05:00).");
        return null;
    }

    /// <summary>The calendar day of a FHIR date or dateTime (its first ten characters); null with a problem otherwise.</summary>
    public static DateOnly? Date(string? value, string path, FhirProblems problems)
    {
        if (value is { Length: >= DateLength }
            && DateOnly.TryParseExact(value[..DateLength], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problems.Add(path, value is null ? "is required." : $"'{value}' is not a FHIR date (yyyy-MM-dd).");
        return null;
    }

    /// <summary>A FHIR time (hh:mm:ss); null with a problem otherwise.</summary>
    public static TimeOnly? Time(string? value, string path, FhirProblems problems)
    {
        if (value is not null && TimeOnly.TryParseExact(value, ["HH:mm:ss", "HH:mm:ss.FFFFFFF"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        problems.Add(path, value is null ? "is required." : $"'{value}' is not a FHIR time (hh:mm:ss).");
        return null;
    }

    /// <summary>The name to greet someone by from a HumanName: the first given name, else the text.</summary>
    public static string GivenName(JsonElement name) =>
        name.TryGetProperty("given", out var given) && given.ValueKind == JsonValueKind.Array
            && given.EnumerateArray().FirstOrDefault(static g => g.ValueKind == JsonValueKind.String) is { ValueKind: JsonValueKind.String } first
            ? first.GetString() ?? string.Empty
            : name.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() ?? string.Empty : string.Empty;

    /// <summary>An instant in FHIR's format, to the second or finer, with the offset it was recorded in.</summary>
    public static string Format(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    // FHIR instant: seconds and a zone are required (a dateTime without a zone is ambiguous across clinics).
    [GeneratedRegex("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex InstantPattern();
}
