using Reroute.Runtime.Core;

namespace Reroute.Runtime.Timers;

/// <summary>Delivers one reminder tick as a turn of the grain.</summary>
internal sealed class ReminderTickRequest(string grainType, string reminderName, TickStatus status)
    : RuntimeRequest(new GrainMethod(grainType, nameof(IRemindable.ReceiveReminder), nameof(IRemindable.ReceiveReminder), GrainMethodFlags.None, null))
{
    public override Task Invoke(object grain) => ((IRemindable)grain).ReceiveReminder(reminderName, status);
}
