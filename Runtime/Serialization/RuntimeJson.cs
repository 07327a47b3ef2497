using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reroute.Runtime.Serialization;

/// <summary>The one JSON shape of stored state and of messages that cross a process.</summary>
public static class RuntimeJson
{
    /// <summary>Web defaults (camelCase), enums as strings, no indentation.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
