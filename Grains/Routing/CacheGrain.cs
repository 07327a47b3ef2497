using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>
/// One node's model cache: the router's ledger of what is loaded there and the node agent's plan (it loads what is
/// listed and unloads what is not). Deploys take the model's warm-up time on the silo clock; eviction is
/// <see cref="CacheEviction"/>'s; a grain timer unloads models left idle.
/// </summary>
public sealed partial class CacheGrain(
    [PersistentState("cache")] IPersistentState<CacheState> state,
    IOptions<RoutingGrainOptions> options,
    ILogger<CacheGrain> logger) : Grain, ICacheGrain
{
    private readonly RoutingGrainOptions _options = options.Value;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        RegisterGrainTimer(_ => CleanUpIdle(), _options.CacheIdleCheckInterval, _options.CacheIdleCheckInterval);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<DeployResult> Deploy(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        var node = await GrainFactory.GetGrain<IResourceGrain>(GetPrimaryKeyString()).Snapshot()
            ?? throw new KeyNotFoundException($"Node '{GetPrimaryKeyString()}' is not registered.");
        if (!node.HostedModels.Contains(model, StringComparer.Ordinal))
        {
            return new DeployResult { Outcome = DeployOutcome.NotHosted };
        }

        var models = state.State.Models;
        if (models.TryGetValue(model, out var cached))
        {
            return new DeployResult { Outcome = DeployOutcome.AlreadyCached, ReadyAt = cached.ReadyAt };
        }

        var now = Time.GetUtcNow();
        var profile = Profile(model);
        state.State.CapacityGb = node.MemoryGb;
        if (!CacheEviction.TryChooseVictims(models.Values, node.MemoryGb, profile.MemoryGb, now, out var victims))
        {
            LogNoRoom(logger, model, GetPrimaryKeyString());
            return new DeployResult { Outcome = DeployOutcome.NoRoom };
        }

        foreach (var victim in victims)
        {
            models.Remove(victim);
            LogEvicted(logger, victim, GetPrimaryKeyString());
        }

        var readyAt = now + TimeSpan.FromMilliseconds(profile.ColdStartMs);
        models[model] = new CachedModel
        {
            Model = model,
            MemoryGb = profile.MemoryGb,
            State = CachedModelState.Loading,
            ReadyAt = readyAt,
            LastUsedAt = now,
        };
        await state.WriteStateAsync();
        return new DeployResult { Outcome = DeployOutcome.Loading, Evicted = victims, ReadyAt = readyAt };
    }

    /// <inheritdoc />
    public Task<bool> Acquire(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        if (!state.State.Models.TryGetValue(model, out var cached))
        {
            return Task.FromResult(false);
        }

        var now = Time.GetUtcNow();
        var warm = CacheEviction.IsWarm(cached, now);
        state.State.Models[model] = cached with { InUse = cached.InUse + 1, LastUsedAt = now, Hits = cached.Hits + (warm ? 1 : 0) };
        return Task.FromResult(warm);
    }

    /// <inheritdoc />
    public Task Release(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        if (state.State.Models.TryGetValue(model, out var cached))
        {
            state.State.Models[model] = cached with { InUse = Math.Max(0, cached.InUse - 1), LastUsedAt = Time.GetUtcNow() };
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task Observe(ImmutableArray<string> warmModels, double capacityGb)
    {
        var now = Time.GetUtcNow();
        var models = state.State.Models;
        var reported = warmModels.IsDefault ? [] : warmModels;
        var changed = state.State.CapacityGb != capacityGb;
        state.State.CapacityGb = capacityGb;
        foreach (var name in reported)
        {
            if (!models.TryGetValue(name, out var cached))
            {
                models[name] = new CachedModel { Model = name, MemoryGb = Profile(name).MemoryGb, State = CachedModelState.Warm, ReadyAt = now, LastUsedAt = now };
                changed = true;
            }
            else if (cached.State == CachedModelState.Loading)
            {
                // The node finished loading before the catalog's warm-up time: it is warm now.
                models[name] = cached with { State = CachedModelState.Warm, ReadyAt = cached.ReadyAt < now ? cached.ReadyAt : now };
                changed = true;
            }
        }

        // A model the node had time to load (its warm-up and a heartbeat timeout) but does not report is not there.
        foreach (var gone in models.Values
            .Where(m => m.InUse == 0 && now - m.ReadyAt >= _options.HeartbeatTimeout && !reported.Contains(m.Model, StringComparer.Ordinal))
            .Select(m => m.Model)
            .ToList())
        {
            models.Remove(gone);
            changed = true;
        }

        if (changed)
        {
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public Task<ModelCacheStatus> Status()
    {
        var now = Time.GetUtcNow();
        var models = state.State.Models.Values
            .Select(m => m.State == CachedModelState.Loading && CacheEviction.IsWarm(m, now) ? m with { State = CachedModelState.Warm } : m)
            .OrderBy(m => m.Model, StringComparer.Ordinal)
            .ToImmutableArray();
        return Task.FromResult(new ModelCacheStatus
        {
            NodeId = GetPrimaryKeyString(),
            CapacityGb = state.State.CapacityGb,
            UsedGb = models.Sum(m => m.MemoryGb),
            Models = models,
            Warm = [.. models.Where(m => m.State == CachedModelState.Warm).Select(m => m.Model)],
        });
    }

    private static ModelProfile Profile(string model) =>
        ModelCatalog.TryFind(RoutingModel.Default, model, out var profile) ? profile : RoutingModel.Default.FallbackModel;

    private async Task CleanUpIdle()
    {
        var now = Time.GetUtcNow();
        var idle = state.State.Models.Values
            .Where(m => m.InUse == 0 && CacheEviction.IsWarm(m, now) && now - m.LastUsedAt >= _options.CacheIdleTimeout)
            .Select(m => m.Model)
            .ToList();
        if (idle.Count == 0)
        {
            return;
        }

        foreach (var model in idle)
        {
            state.State.Models.Remove(model);
            LogIdle(logger, model, GetPrimaryKeyString(), _options.CacheIdleTimeout);
        }

        await state.WriteStateAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Evicted model {Model} from node {NodeId} to make room")]
    private static partial void LogEvicted(ILogger logger, string model, string nodeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Unloaded model {Model} from node {NodeId}: idle for {IdleTimeout}")]
    private static partial void LogIdle(ILogger logger, string model, string nodeId, TimeSpan idleTimeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No room for model {Model} on node {NodeId}: every other model is in use or loading")]
    private static partial void LogNoRoom(ILogger logger, string model, string nodeId);
}
