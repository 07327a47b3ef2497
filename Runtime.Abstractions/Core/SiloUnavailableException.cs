namespace Reroute.Runtime;

/// <summary>The silo is not accepting calls (starting or shutting down); the call may be retried on another silo or later.</summary>
public sealed class SiloUnavailableException(string message) : Exception(message);
