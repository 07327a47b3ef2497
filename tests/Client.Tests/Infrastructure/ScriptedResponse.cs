using System.Text.Json;

namespace Reroute.Client.Tests.Infrastructure;

/// <summary>What the <see cref="ScriptedServer"/> answers one request with.</summary>
public sealed record ScriptedResponse(int Status, string? Body = null, string? ContentType = null, bool Hang = false)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public static ScriptedResponse Json(int status, object body) =>
        new(status, JsonSerializer.Serialize(body, JsonSerializerOptions.Web), "application/json");

    public static ScriptedResponse Problem(int status, string title, string? detail = null, IReadOnlyDictionary<string, object?>? extra = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["type"] = $"https://tools.ietf.org/html/rfc9110#status-{status}",
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
            ["traceId"] = $"00-{Guid.NewGuid():N}-{Guid.NewGuid().ToString("N")[..16]}-00",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, object?>())
        {
            body[key] = value;
        }

        return new(status, JsonSerializer.Serialize(body, JsonSerializerOptions.Web), "application/problem+json");
    }

    public static ScriptedResponse Text(int status, string text) => new(status, text, "text/html");

    /// <summary>Never answers: holds the request until the client gives up on it.</summary>
    public static ScriptedResponse Hanging() => new(0, Hang: true);

    public ScriptedResponse WithHeader(string name, string value) =>
        this with { Headers = new Dictionary<string, string>(Headers) { [name] = value } };
}
