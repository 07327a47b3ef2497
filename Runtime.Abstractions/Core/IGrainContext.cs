namespace Reroute.Runtime;

/// <summary>What the runtime offers one activation: its identity, its services, timers, reminders, streams and lifecycle.</summary>
public interface IGrainContext
{
    /// <summary>The grain's identity.</summary>
    GrainId GrainId { get; }

    /// <summary>Factory for references to other grains.</summary>
    IGrainFactory GrainFactory { get; }

    /// <summary>The silo's services.</summary>
    IServiceProvider Services { get; }

    /// <summary>The silo's clock; grains read time only from here.</summary>
    TimeProvider Time { get; }

    /// <summary>Asks the runtime to deactivate this activation once the current turn ends.</summary>
    void DeactivateOnIdle();

    /// <summary>Keeps the activation from idle collection for at least <paramref name="period"/>.</summary>
    void DelayDeactivation(TimeSpan period);

    /// <summary>Registers a timer that lives with this activation; its ticks run as turns.</summary>
    IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options);

    /// <summary>Registers or updates a durable reminder; ticks arrive through <see cref="IRemindable.ReceiveReminder"/>.</summary>
    Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period);

    /// <summary>Removes a durable reminder.</summary>
    Task UnregisterReminder(IGrainReminder reminder);

    /// <summary>Looks up one of this grain's reminders.</summary>
    Task<IGrainReminder?> GetReminder(string reminderName);

    /// <summary>Lists this grain's reminders.</summary>
    Task<IReadOnlyList<IGrainReminder>> GetReminders();

    /// <summary>Returns the named stream provider.</summary>
    IStreamProvider GetStreamProvider(string name);
}
