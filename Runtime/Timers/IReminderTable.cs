namespace Reroute.Runtime.Timers;

/// <summary>Where durable reminders are kept. A write is durable when it returns.</summary>
public interface IReminderTable
{
    /// <summary>Every reminder.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>Inserts or replaces a reminder.</summary>
    Task UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken);

    /// <summary>Removes a reminder; no error if it is absent.</summary>
    Task RemoveAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken);
}
