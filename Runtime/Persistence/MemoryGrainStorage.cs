using System.Collections.Concurrent;
using System.Globalization;

namespace Reroute.Runtime.Persistence;

/// <summary>State in process memory, with the same ETag rules as durable providers. For tests and throw-away silos.</summary>
public sealed class MemoryGrainStorage(string name = MemoryGrainStorage.DefaultName) : IGrainStorage
{
    /// <summary>The provider's default name.</summary>
    public const string DefaultName = "Memory";

    private readonly ConcurrentDictionary<(GrainId, string), StoredState> _records = new();
    private long _version;

    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public Task<StoredState?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
        => Task.FromResult(_records.TryGetValue((grainId, stateName), out var stored) ? stored : null);

    /// <inheritdoc />
    public Task<string> WriteAsync(GrainId grainId, string stateName, string json, string? expectedEtag, CancellationToken cancellationToken)
    {
        var key = (grainId, stateName);
        var etag = Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture);
        var next = new StoredState(json, etag);
        if (expectedEtag is null)
        {
            if (!_records.TryAdd(key, next))
            {
                return Task.FromException<string>(InconsistentStateMessages.For(grainId, stateName, _records.GetValueOrDefault(key)?.Etag, null));
            }
        }
        else if (!_records.TryGetValue(key, out var current) || current.Etag != expectedEtag || !_records.TryUpdate(key, next, current))
        {
            return Task.FromException<string>(InconsistentStateMessages.For(grainId, stateName, _records.GetValueOrDefault(key)?.Etag, expectedEtag));
        }

        return Task.FromResult(etag);
    }

    /// <inheritdoc />
    public Task ClearAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken)
    {
        var key = (grainId, stateName);
        if (!_records.TryGetValue(key, out var current))
        {
            return expectedEtag is null
                ? Task.CompletedTask
                : Task.FromException(InconsistentStateMessages.For(grainId, stateName, null, expectedEtag));
        }

        return current.Etag == expectedEtag && _records.TryRemove(KeyValuePair.Create(key, current))
            ? Task.CompletedTask
            : Task.FromException(InconsistentStateMessages.For(grainId, stateName, current.Etag, expectedEtag));
    }
}
