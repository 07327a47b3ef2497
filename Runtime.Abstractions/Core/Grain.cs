namespace Reroute.Runtime;

/// <summary>
/// Base class of grain implementations. The runtime constructs grains; the constructor's parameters are resolved
/// from the silo's services, and <see cref="IPersistentState{TState}"/> parameters are bound to this grain's stored state.
/// </summary>
public abstract class Grain
{
    /// <summary>Binds the grain to the activation the runtime is constructing.</summary>
    protected Grain()
    {
        GrainContext = GrainContextScope.Constructing
            ?? throw new InvalidOperationException(
                $"{GetType().Name} is a grain: the runtime creates it. Use IGrainFactory.GetGrain to get a reference.");
    }

    /// <summary>The activation's context.</summary>
    public IGrainContext GrainContext { get; }

    /// <summary>The grain's identity.</summary>
    public GrainId GrainId => GrainContext.GrainId;

    /// <summary>Factory for references to other grains.</summary>
    protected IGrainFactory GrainFactory => GrainContext.GrainFactory;

    /// <summary>The silo's clock.</summary>
    protected TimeProvider Time => GrainContext.Time;

    /// <summary>The grain's string key.</summary>
    public string GetPrimaryKeyString() => GrainContext.GrainId.Key;

    /// <summary>Runs as the first turn of a new activation.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs as the last turn of an activation; the place to persist what must survive.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation when the current turn ends.</summary>
    protected void DeactivateOnIdle() => GrainContext.DeactivateOnIdle();

    /// <summary>Keeps this activation from idle collection for at least <paramref name="period"/>.</summary>
    protected void DelayDeactivation(TimeSpan period) => GrainContext.DelayDeactivation(period);

    /// <summary>Registers a timer that lives with this activation. Ticks run as turns and do not interleave unless asked.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
        => GrainContext.RegisterTimer(callback, new GrainTimerCreationOptions(dueTime, period));

    /// <summary>Registers a timer with explicit options.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
        => GrainContext.RegisterTimer(callback, options);

    /// <summary>Registers or updates a durable reminder.</summary>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period)
        => GrainContext.RegisterOrUpdateReminder(reminderName, dueTime, period);

    /// <summary>Removes a durable reminder.</summary>
    protected Task UnregisterReminder(IGrainReminder reminder) => GrainContext.UnregisterReminder(reminder);

    /// <summary>Looks up a durable reminder by name.</summary>
    protected Task<IGrainReminder?> GetReminder(string reminderName) => GrainContext.GetReminder(reminderName);

    /// <summary>Returns the named stream provider.</summary>
    protected IStreamProvider GetStreamProvider(string name) => GrainContext.GetStreamProvider(name);
}
