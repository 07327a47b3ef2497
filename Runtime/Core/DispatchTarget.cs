namespace Reroute.Runtime.Core;

/// <summary>Where the catalog sends a grain's calls: one activation, or a pool of stateless workers.</summary>
internal abstract class DispatchTarget
{
    public abstract Task Receive(GrainRequest request);

    /// <summary>Whether the target still accepts calls (false once deactivated).</summary>
    public abstract bool IsLive { get; }
}
