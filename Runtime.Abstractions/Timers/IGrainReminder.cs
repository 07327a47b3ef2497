namespace Reroute.Runtime;

/// <summary>A durable reminder of one grain.</summary>
public interface IGrainReminder
{
    /// <summary>The reminder's name, unique within its grain.</summary>
    string ReminderName { get; }

    /// <summary>When the reminder is next due.</summary>
    DateTimeOffset NextDue { get; }

    /// <summary>The period between ticks.</summary>
    TimeSpan Period { get; }
}
