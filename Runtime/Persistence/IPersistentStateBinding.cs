namespace Reroute.Runtime.Persistence;

/// <summary>A persistent state bound to one activation; the runtime reads it before <c>OnActivateAsync</c>.</summary>
internal interface IPersistentStateBinding
{
    Task ReadStateAsync();
}
