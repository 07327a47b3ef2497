using System.Collections.Concurrent;

namespace Reroute.Runtime.Timers;

/// <summary>Reminders in process memory, for tests and throw-away silos.</summary>
public sealed class MemoryReminderTable : IReminderTable
{
    private readonly ConcurrentDictionary<(GrainId, string), ReminderEntry> _entries = new();

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<ReminderEntry>>([.. _entries.Values]);

    /// <inheritdoc />
    public Task UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        _entries[(entry.GrainId, entry.ReminderName)] = entry;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RemoveAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        _entries.TryRemove((grainId, reminderName), out _);
        return Task.CompletedTask;
    }
}
