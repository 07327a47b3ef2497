namespace Reroute.Runtime.Tests.Grains;

/// <summary>The steps a test workflow booked and how often booking was attempted (more than booked after a failover).</summary>
public sealed record BookingLedger(IReadOnlyList<int> Booked, int Attempts);
