namespace Reroute.Runtime;

/// <summary>A call would wait on a grain that is itself waiting along the same call chain.</summary>
public sealed class DeadlockException(string message) : Exception(message);
