namespace Reroute.Runtime;

/// <summary>When a reminder was first due, its period and when this tick was due.</summary>
public readonly record struct TickStatus(DateTimeOffset FirstTickTime, TimeSpan Period, DateTimeOffset CurrentTickTime);
