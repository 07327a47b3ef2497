using System.Collections.Immutable;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing;

/// <summary>
/// The cache's eviction policy: LRU weighted by size. Each evictable model scores its idle time times its memory, and
/// the highest scores go first until the new model fits: a large model nobody used for a while goes before a small one,
/// and a small model left idle long enough goes before a large one just used. A model in use or still loading is never
/// evicted; when the rest cannot free enough, nothing is evicted at all.
/// </summary>
public static class CacheEviction
{
    // One second of idleness even for a model used this instant, so that size still orders models used at once.
    private static readonly TimeSpan MinimumIdle = TimeSpan.FromSeconds(1);

    /// <summary>Whether the model is loaded at <paramref name="now"/>.</summary>
    public static bool IsWarm(CachedModel model, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.State == CachedModelState.Warm || model.ReadyAt <= now;
    }

    /// <summary>The eviction score: idle seconds times gigabytes.</summary>
    public static double Score(CachedModel model, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(model);
        var idle = now - model.LastUsedAt;
        return (idle > MinimumIdle ? idle : MinimumIdle).TotalSeconds * model.MemoryGb;
    }

    /// <summary>
    /// The models to evict, in order, so that <paramref name="neededGb"/> fits in <paramref name="capacityGb"/>; empty
    /// when it fits already, and false when even evicting every evictable model would not make room.
    /// </summary>
    public static bool TryChooseVictims(IReadOnlyCollection<CachedModel> models, double capacityGb, double neededGb, DateTimeOffset now, out ImmutableArray<string> victims)
    {
        ArgumentNullException.ThrowIfNull(models);
        victims = [];
        var free = capacityGb - models.Sum(m => m.MemoryGb);
        if (free >= neededGb)
        {
            return true;
        }

        var chosen = ImmutableArray.CreateBuilder<string>();
        foreach (var candidate in models
            .Where(m => m.InUse == 0 && IsWarm(m, now))
            .OrderByDescending(m => Score(m, now))
            .ThenBy(m => m.Model, StringComparer.Ordinal))
        {
            chosen.Add(candidate.Model);
            free += candidate.MemoryGb;
            if (free >= neededGb)
            {
                victims = chosen.ToImmutable();
                return true;
            }
        }

        return false;
    }
}
