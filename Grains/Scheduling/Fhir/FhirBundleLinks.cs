using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reroute.Grains.Scheduling.Fhir;

/// <summary>
/// Transaction Bundles often name their entries by <c>urn:uuid:</c> fullUrls and refer to each other by them. Reroute
/// keeps the sender's ids, so an entry without <c>resource.id</c> takes the UUID of its urn:uuid fullUrl as its id, and
/// every reference to an entry's urn fullUrl becomes the literal <c>Type/id</c> of that entry.
/// </summary>
internal static class FhirBundleLinks
{
    private const string UuidPrefix = "urn:uuid:";

    private const string UrnPrefix = "urn:";

    /// <summary>The Bundle with urn references resolved; null when it has no urn fullUrls (nothing to resolve).</summary>
    public static JsonDocument? ResolveUrns(JsonElement bundle, IReadOnlyList<JsonElement> entries)
    {
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.ValueKind == JsonValueKind.Object
                && FhirJson.String(entry, "fullUrl", "fullUrl", new FhirProblems()) is { } fullUrl
                && fullUrl.StartsWith(UrnPrefix, StringComparison.Ordinal)
                && FhirJson.Object(entry, "resource") is { } resource
                && FhirJson.String(resource, "resourceType", "resourceType", new FhirProblems()) is { } type
                && IdOf(resource, fullUrl) is { } id)
            {
                targets[fullUrl] = $"{type}/{id}";
            }
        }

        if (targets.Count == 0)
        {
            return null;
        }

        var root = JsonNode.Parse(bundle.GetRawText())!;
        foreach (var entry in root["entry"]!.AsArray().OfType<JsonObject>())
        {
            if (entry["resource"] is JsonObject resource && resource["id"] is null
                && entry["fullUrl"]?.GetValueKind() == JsonValueKind.String
                && (string?)entry["fullUrl"] is { } fullUrl && targets.ContainsKey(fullUrl))
            {
                resource["id"] = fullUrl[UuidPrefix.Length..];
            }
        }

        Rewrite(root, targets);
        return JsonDocument.Parse(root.ToJsonString());
    }

    private static string? IdOf(JsonElement resource, string fullUrl)
    {
        if (resource.TryGetProperty("id", out var id))
        {
            return id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }

        return fullUrl.StartsWith(UuidPrefix, StringComparison.Ordinal) && SchedulingKeys.IsValidId(fullUrl[UuidPrefix.Length..])
            ? fullUrl[UuidPrefix.Length..]
            : null;
    }

    private static void Rewrite(JsonNode? node, Dictionary<string, string> targets)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["reference"] is JsonValue value && value.TryGetValue<string>(out var reference) && targets.TryGetValue(reference, out var literal))
                {
                    obj["reference"] = literal;
                }

                foreach (var child in obj.Select(static p => p.Value).ToList())
                {
                    Rewrite(child, targets);
                }

                break;
            case JsonArray array:
                foreach (var child in array.ToList())
                {
                    Rewrite(child, targets);
                }

                break;
        }
    }
}
