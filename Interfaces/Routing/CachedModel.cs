namespace Reroute.Interfaces.Routing;

/// <summary>One model in a node's cache: its memory, whether it is loaded yet, and how it is being used.</summary>
public sealed record CachedModel
{
    /// <summary>The model's name.</summary>
    public required string Model { get; init; }

    /// <summary>Memory it takes on the node, in gigabytes.</summary>
    public double MemoryGb { get; init; }

    /// <summary>Loading or warm (on the silo clock: a loading model is warm once <see cref="ReadyAt"/> has passed).</summary>
    public CachedModelState State { get; init; }

    /// <summary>When it is (or was) loaded.</summary>
    public DateTimeOffset ReadyAt { get; init; }

    /// <summary>When a request last started or finished on it (or when it was deployed).</summary>
    public DateTimeOffset LastUsedAt { get; init; }

    /// <summary>Requests running on it now; a model in use is never evicted.</summary>
    public int InUse { get; init; }

    /// <summary>Requests that found it warm.</summary>
    public long Hits { get; init; }
}
