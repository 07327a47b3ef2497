namespace Reroute.Runtime.Persistence;

/// <summary>A persistent state bound to one activation; the runtime reads it before <c>OnActivateAsync</c>.</summary>
internal interface IPersistentStateBinding
{
    Task ReadStateAsync();

    /// <summary>
    /// Whether the storage refused this activation's last write or clear as stale and the state was not read since: every
    /// later write would be refused too, so the activation must go.
    /// </summary>
    bool IsStale { get; }
}
