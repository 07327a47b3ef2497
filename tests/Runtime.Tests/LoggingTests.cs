using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reroute.Runtime.Tests.Grains;

namespace Reroute.Runtime.Tests;

public sealed class LoggingTests
{
    [Fact]
    public async Task A_grain_log_line_carries_the_callers_correlation_id_and_tenant()
    {
        var capture = new CapturingLoggerProvider();
        await using var silo = await Silos.Start(configure: o => o.ConfigureServices = services =>
            services.AddLogging(logging => logging.AddProvider(capture)));
        var key = Silos.Key();

        RequestContext.CorrelationId = "corr-log-7";
        RequestContext.Tenant = "clinic-east";
        try
        {
            await silo.GrainFactory.GetGrain<ILoggingGrain>(key).Log("hello");
        }
        finally
        {
            RequestContext.Clear();
        }

        var line = Assert.Single(capture.Lines, l => l.Message.Contains(key, StringComparison.Ordinal));
        Assert.Contains(RequestContext.CorrelationIdKey + "=corr-log-7", line.Scopes);
        Assert.Contains(RequestContext.TenantKey + "=clinic-east", line.Scopes);
    }

    private sealed record CapturedLine(string Message, IReadOnlyList<string> Scopes);

    private sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider? _scopes;

        public ConcurrentQueue<CapturedLine> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(this);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => owner._scopes?.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scopes = new List<string>();
                owner._scopes?.ForEachScope(static (scope, list) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        list.AddRange(pairs.Select(static p => $"{p.Key}={p.Value}"));
                    }
                }, scopes);
                owner.Lines.Enqueue(new CapturedLine(formatter(state, exception), scopes));
            }
        }
    }
}
