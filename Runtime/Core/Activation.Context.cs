using Reroute.Runtime.Streams;
using Reroute.Runtime.Timers;

namespace Reroute.Runtime.Core;

internal sealed partial class Activation
{
    public IGrainFactory GrainFactory => _runtime;

    public IServiceProvider Services => _runtime.Services;

    public TimeProvider Time => _runtime.Time;

    public void DelayDeactivation(TimeSpan period)
    {
        var ticks = _runtime.Catalog.TicksFor(period);
        _keepAliveUntilTick = Math.Max(_keepAliveUntilTick, _runtime.Catalog.CurrentTick + ticks);
    }

    public IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentNullException.ThrowIfNull(options);
        var timer = new GrainTimer(this, _runtime.Time, callback, options);
        lock (_gate)
        {
            Extras.Timers.Add(timer);
        }

        timer.Start();
        return timer;
    }

    internal void RemoveTimer(GrainTimer timer)
    {
        lock (_gate)
        {
            _extras?.Timers.Remove(timer);
        }
    }

    internal void AddSubscription(StreamSubscription subscription)
    {
        lock (_gate)
        {
            Extras.Subscriptions.Add(subscription);
        }
    }

    internal void RemoveSubscription(StreamSubscription subscription)
    {
        lock (_gate)
        {
            _extras?.Subscriptions.Remove(subscription);
        }
    }

    public Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period)
        => _runtime.Reminders.RegisterOrUpdate(GrainId, reminderName, dueTime, period);

    public Task UnregisterReminder(IGrainReminder reminder) => _runtime.Reminders.Unregister(GrainId, reminder.ReminderName);

    public Task<IGrainReminder?> GetReminder(string reminderName) => _runtime.Reminders.Get(GrainId, reminderName);

    public Task<IReadOnlyList<IGrainReminder>> GetReminders() => _runtime.Reminders.List(GrainId);

    public IStreamProvider GetStreamProvider(string name) => _runtime.GetStreamProvider(name);
}
