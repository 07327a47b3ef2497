using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Reroute.Runtime.Core;

namespace Reroute.Runtime.Streams;

/// <summary>In-memory streams of one silo.</summary>
internal sealed class MemoryStreamProvider(string name, GrainRuntime runtime, ILogger<MemoryStreamProvider> logger) : IStreamProvider
{
    /// <summary>The name of the provider every silo has.</summary>
    public const string DefaultName = "Default";

    private readonly ConcurrentDictionary<StreamId, MemoryStreamChannel> _channels = new();
    private readonly Lazy<ILookup<string, string>> _implicit = new(() => runtime.Classes.All
        .SelectMany(static c => c.ImplicitStreamNamespaces.Select(ns => (ns, c.GrainTypeName)))
        .ToLookup(static p => p.ns, static p => p.GrainTypeName, StringComparer.Ordinal));

    public string Name => name;

    public IAsyncStream<T> GetStream<T>(StreamId id) => new MemoryAsyncStream<T>(Channel(id));

    /// <summary>The channel of <paramref name="id"/> (created on first use).</summary>
    internal MemoryStreamChannel Channel(StreamId id)
        => _channels.GetOrAdd(id, streamId => new MemoryStreamChannel(streamId, runtime, [.. _implicit.Value[streamId.Namespace]], logger));
}
