namespace Reroute.Runtime;

/// <summary>How a grain timer ticks.</summary>
/// <param name="DueTime">Delay before the first tick.</param>
/// <param name="Period">Delay between ticks; <see cref="Timeout.InfiniteTimeSpan"/> ticks once.</param>
/// <param name="Interleave">Whether ticks may interleave with requests (by default a tick is a turn of its own).</param>
/// <param name="KeepAlive">Whether ticks count as activity for idle collection.</param>
public sealed record GrainTimerCreationOptions(TimeSpan DueTime, TimeSpan Period, bool Interleave = false, bool KeepAlive = false);
