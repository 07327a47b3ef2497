namespace Reroute.Runtime;

/// <summary>An item's position within its stream.</summary>
public readonly record struct StreamSequenceToken(long SequenceNumber);
