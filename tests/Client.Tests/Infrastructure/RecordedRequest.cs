namespace Reroute.Client.Tests.Infrastructure;

/// <summary>One request as the <see cref="ScriptedServer"/> received it off the wire.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
