using Microsoft.Extensions.Logging;

namespace Reroute.Silo.Tests.Infrastructure;

public sealed record CapturedLogEntry(
    string Category,
    LogLevel Level,
    string Message,
    string? Exception,
    IReadOnlyDictionary<string, string?> Scopes,
    string ScopeText)
{
    public string AllText => $"{Category} {Message} {Exception} {ScopeText} {string.Join(" ", Scopes.Select(s => $"{s.Key}={s.Value}"))}";
}
