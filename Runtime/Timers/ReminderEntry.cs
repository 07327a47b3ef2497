namespace Reroute.Runtime.Timers;

/// <summary>A durable reminder as stored: when it started, its period and when it is next due.</summary>
public sealed record ReminderEntry(GrainId GrainId, string ReminderName, DateTimeOffset StartAt, TimeSpan Period, DateTimeOffset NextDue) : IGrainReminder;
