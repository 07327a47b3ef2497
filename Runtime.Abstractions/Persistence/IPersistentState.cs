namespace Reroute.Runtime;

/// <summary>A grain's durable state, read at activation and written with an ETag check.</summary>
public interface IPersistentState<TState>
{
    /// <summary>The state; a new default instance when nothing was stored.</summary>
    TState State { get; set; }

    /// <summary>The stored version this activation last read or wrote; null when nothing is stored.</summary>
    string? Etag { get; }

    /// <summary>Whether a record is stored.</summary>
    bool RecordExists { get; }

    /// <summary>Reads the stored state, replacing <see cref="State"/>.</summary>
    Task ReadStateAsync();

    /// <summary>Writes <see cref="State"/> if the stored ETag still equals <see cref="Etag"/>; durable when the task completes.</summary>
    /// <exception cref="InconsistentStateException">Another writer changed the stored record.</exception>
    Task WriteStateAsync();

    /// <summary>Deletes the stored record, with the same ETag check as a write.</summary>
    Task ClearStateAsync();
}
