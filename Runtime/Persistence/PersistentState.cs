using System.Text.Json;
using Reroute.Runtime.Serialization;

namespace Reroute.Runtime.Persistence;

/// <summary>A grain's state in one storage provider, serialized as JSON so it stays readable where it is stored.</summary>
internal sealed class PersistentState<TState>(GrainId grainId, string stateName, IGrainStorage storage) : IPersistentState<TState>, IPersistentStateBinding
    where TState : new()
{
    public TState State { get; set; } = new();

    public string? Etag { get; private set; }

    public bool RecordExists { get; private set; }

    public bool IsStale { get; private set; }

    public async Task ReadStateAsync()
    {
        var stored = await storage.ReadAsync(grainId, stateName, CancellationToken.None);
        IsStale = false;
        if (stored is null)
        {
            State = new TState();
            Etag = null;
            RecordExists = false;
            return;
        }

        State = JsonSerializer.Deserialize<TState>(stored.Json, RuntimeJson.Options) ?? new TState();
        Etag = stored.Etag;
        RecordExists = true;
    }

    public async Task WriteStateAsync()
    {
        var json = JsonSerializer.Serialize(State, RuntimeJson.Options);
        try
        {
            Etag = await storage.WriteAsync(grainId, stateName, json, Etag, CancellationToken.None);
        }
        catch (InconsistentStateException)
        {
            IsStale = true;
            throw;
        }

        IsStale = false;
        RecordExists = true;
    }

    public async Task ClearStateAsync()
    {
        try
        {
            await storage.ClearAsync(grainId, stateName, Etag, CancellationToken.None);
        }
        catch (InconsistentStateException)
        {
            IsStale = true;
            throw;
        }

        IsStale = false;
        Etag = null;
        RecordExists = false;
        State = new TState();
    }
}
