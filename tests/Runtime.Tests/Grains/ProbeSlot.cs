namespace Reroute.Runtime.Tests.Grains;

public sealed record ProbeSlot(string ProviderId, DateTimeOffset Start, TimeSpan Length, IReadOnlyList<string> Tags);
