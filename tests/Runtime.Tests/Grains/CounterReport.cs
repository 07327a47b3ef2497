namespace Reroute.Runtime.Tests.Grains;

public sealed record CounterReport(int Value, int Overlaps);
