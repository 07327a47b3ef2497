namespace Reroute.Runtime.Persistence;

/// <summary>
/// Where grain state lives. Writes and clears are conditional on the ETag the writer last saw (null: "nothing stored");
/// a mismatch throws <see cref="InconsistentStateException"/> and changes nothing. A write is durable when it returns.
/// </summary>
public interface IGrainStorage
{
    /// <summary>The provider's name.</summary>
    string Name { get; }

    /// <summary>Reads a state record, or null when none is stored.</summary>
    Task<StoredState?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken);

    /// <summary>Writes a state record if the stored ETag equals <paramref name="expectedEtag"/>; returns the new ETag.</summary>
    Task<string> WriteAsync(GrainId grainId, string stateName, string json, string? expectedEtag, CancellationToken cancellationToken);

    /// <summary>Deletes a state record if the stored ETag equals <paramref name="expectedEtag"/>.</summary>
    Task ClearAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken);
}
