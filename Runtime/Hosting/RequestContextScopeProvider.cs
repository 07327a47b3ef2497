using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace Reroute.Runtime.Hosting;

/// <summary>
/// Puts the current <see cref="RequestContext"/> (correlation id, tenant, principal) on every log line, as the
/// outermost scope, so a grain's logs carry the id of the request that caused them without each grain asking.
/// </summary>
public sealed class RequestContextScopeProvider : IExternalScopeProvider
{
    private readonly LoggerExternalScopeProvider _inner = new();

    /// <inheritdoc />
    public void ForEachScope<TState>(Action<object?, TState> callback, TState state)
    {
        if (RequestContext.Snapshot is { Count: > 0 } values)
        {
            callback(new RequestContextScope(values), state);
        }

        _inner.ForEachScope(callback, state);
    }

    /// <inheritdoc />
    public IDisposable Push(object? state) => _inner.Push(state);

    private sealed class RequestContextScope(ImmutableDictionary<string, string> values) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly KeyValuePair<string, object?>[] _items = [.. values.Select(static v => KeyValuePair.Create(v.Key, (object?)v.Value))];

        public int Count => _items.Length;

        public KeyValuePair<string, object?> this[int index] => _items[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_items).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => string.Join(", ", _items.Select(static i => $"{i.Key}={i.Value}"));
    }
}
