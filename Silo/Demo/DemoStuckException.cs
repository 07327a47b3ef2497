namespace Reroute.Silo.Demo;

/// <summary>The demo could not finish its story: the workflow stalled or the silo refused a simulated answer.</summary>
internal sealed class DemoStuckException(string message) : Exception(message);
