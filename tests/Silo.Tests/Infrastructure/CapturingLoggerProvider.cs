using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Reroute.Silo.Tests.Infrastructure;

/// <summary>Records every log entry with its scopes, so tests can check what a request logged (and what it did not).</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<CapturedLogEntry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new Dictionary<string, string?>(StringComparer.Ordinal);
            var text = new List<string>();
            provider._scopes.ForEachScope(
                (scope, _) =>
                {
                    text.Add(scope?.ToString() ?? string.Empty);
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach (var (key, value) in pairs)
                        {
                            scopes[key] = value?.ToString();
                        }
                    }
                },
                (object?)null);
            provider.Entries.Enqueue(new CapturedLogEntry(category, logLevel, formatter(state, exception), exception?.ToString(), scopes, string.Join(" | ", text)));
        }
    }
}
