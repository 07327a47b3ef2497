namespace Reroute.Runtime.Serialization;

/// <summary>A message that is not a well-formed grain call or reply; the transport dead-letters it with this reason.</summary>
public sealed class GrainMessageFormatException(string message, Exception? inner = null) : Exception(message, inner);
