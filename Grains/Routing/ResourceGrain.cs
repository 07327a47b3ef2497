using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>
/// One node: validates and keeps its profile and heartbeats. Health is derived on read from the heartbeat age, so a node
/// whose agent went silent is unhealthy the moment the timeout passes; the grain timer reports the transition.
/// </summary>
public sealed partial class ResourceGrain(
    [PersistentState("node")] IPersistentState<ResourceState> state,
    IOptions<RoutingGrainOptions> options,
    ILogger<ResourceGrain> logger) : Grain, IResourceGrain
{
    private readonly RoutingGrainOptions _options = options.Value;
    private bool _reportedSilent;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        RegisterGrainTimer(_ => CheckHeartbeats(), _options.HeartbeatCheckInterval, _options.HeartbeatCheckInterval);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task Register(MecNodeProfile profile)
    {
        RoutingValidation.Profile(profile);
        state.State.Profile = profile;
        state.State.RegisteredAt = Time.GetUtcNow();
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<INodeDirectoryGrain>(RoutingKeys.Directory).Add(GetPrimaryKeyString());
    }

    /// <inheritdoc />
    public async Task<NodeSnapshot> Heartbeat(MecNodeHeartbeat heartbeat)
    {
        var profile = state.State.Profile ?? throw new KeyNotFoundException($"Node '{GetPrimaryKeyString()}' is not registered.");
        RoutingValidation.Heartbeat(heartbeat, profile.Capacity);
        state.State.LastHeartbeat = heartbeat;
        state.State.LastHeartbeatAt = Time.GetUtcNow();
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<ICacheGrain>(GetPrimaryKeyString()).Observe(heartbeat.WarmModels, profile.MemoryGb);
        _reportedSilent = false;
        return Build(profile)!;
    }

    /// <inheritdoc />
    public Task<NodeSnapshot?> Snapshot() => Task.FromResult(state.State.Profile is { } profile ? Build(profile) : null);

    private bool Silent()
    {
        var since = state.State.LastHeartbeatAt ?? state.State.RegisteredAt;
        return state.State.LastHeartbeat is null || Time.GetUtcNow() - since >= _options.HeartbeatTimeout;
    }

    private NodeSnapshot Build(MecNodeProfile profile)
    {
        var heartbeat = state.State.LastHeartbeat ?? new MecNodeHeartbeat();
        return new NodeSnapshot
        {
            NodeId = GetPrimaryKeyString(),
            Tier = profile.Tier,
            Region = profile.Region,
            Cell = profile.Cell,
            RttMs = profile.RttMs,
            Capacity = profile.Capacity,
            InFlight = heartbeat.InFlight,
            QueueDepth = heartbeat.QueueDepth,
            MeanServiceMs = heartbeat.MeanServiceMs,
            BacklogMs = heartbeat.BacklogMs,
            SpeedFactor = profile.SpeedFactor,
            HasGpu = profile.HasGpu,
            MemoryGb = profile.MemoryGb,
            CostPer1kTokens = profile.CostPer1kTokens,
            Health = Silent() ? NodeHealth.Unhealthy : heartbeat.Health,
            HostedModels = profile.HostedModels,
            WarmModels = heartbeat.WarmModels,
            CertifiedPrivacy = profile.CertifiedPrivacy,
            ComplianceTags = profile.ComplianceTags,
            Tenants = profile.Tenants,
            Endpoint = profile.Endpoint,
        };
    }

    private Task CheckHeartbeats()
    {
        if (state.State.Profile is not null && !_reportedSilent && Silent())
        {
            _reportedSilent = true;
            LogSilent(logger, GetPrimaryKeyString(), _options.HeartbeatTimeout);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "MEC node {NodeId} sent no heartbeat for {Timeout}: marked unhealthy")]
    private static partial void LogSilent(ILogger logger, string nodeId, TimeSpan timeout);
}
