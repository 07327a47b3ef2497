using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>A tenant's scheduling knowledge, versioned: rules, weights and thresholds start at the design's defaults.</summary>
public sealed class KnowledgeGrain([PersistentState("knowledge")] IPersistentState<KnowledgeState> state) : Grain, IKnowledgeGrain
{
    /// <summary>Version 0: the design's defaults, in force until the tenant changes anything.</summary>
    public static KnowledgeVersion Defaults { get; } = new() { Version = 0, Knowledge = SchedulingKnowledge.Default };

    /// <inheritdoc />
    public Task<KnowledgeVersion> Get() => Task.FromResult(state.State.Versions.Count > 0 ? state.State.Versions[^1] : Defaults);

    /// <inheritdoc />
    public async Task<KnowledgeVersion> Update(SchedulingKnowledge knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        KnowledgeValidation.Validate(knowledge).ThrowIfAny("scheduling knowledge");
        var current = await Get();
        var next = new KnowledgeVersion { Version = current.Version + 1, Knowledge = knowledge, UpdatedAt = Time.GetUtcNow() };
        await state.ReplaceAsync(new KnowledgeState { Versions = [.. state.State.Versions, next] });
        return next;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<KnowledgeVersion>> GetHistory()
    {
        IReadOnlyList<KnowledgeVersion> history = [Defaults, .. state.State.Versions];
        return Task.FromResult(history);
    }
}
