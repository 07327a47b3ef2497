namespace Reroute.Runtime;

/// <summary>Implemented by grains that register durable reminders.</summary>
public interface IRemindable : IGrain
{
    /// <summary>A reminder ticked. Runs as a turn of the grain; the grain is activated for it if needed.</summary>
    Task ReceiveReminder(string reminderName, TickStatus status);
}
