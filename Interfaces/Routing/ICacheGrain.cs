using System.Collections.Immutable;

namespace Reroute.Interfaces.Routing;

/// <summary>
/// One node's model cache (keyed by node id): which models are warm and their memory, deploys with warm-up time,
/// size-aware eviction that never touches a model in use, and cleanup of models left idle.
/// </summary>
public interface ICacheGrain : IGrainWithStringKey
{
    /// <summary>Starts loading a model, evicting idle ones if memory is short.</summary>
    /// <exception cref="KeyNotFoundException">The node is not registered.</exception>
    Task<DeployResult> Deploy(string model);

    /// <summary>A request starts on the model; true when it was warm (a hit). Unknown models are not added.</summary>
    Task<bool> Acquire(string model);

    /// <summary>A request on the model finished.</summary>
    Task Release(string model);

    /// <summary>
    /// The node agent's report (with the node's model memory, in gigabytes) of the models it has loaded: models the cache did not know are added as warm, and warm
    /// ones the node no longer reports (once past their load time plus the heartbeat timeout) are dropped.
    /// </summary>
    Task Observe(ImmutableArray<string> warmModels, double capacityGb);

    /// <summary>The cache now, on the silo clock.</summary>
    [ReadOnly]
    Task<ModelCacheStatus> Status();
}
