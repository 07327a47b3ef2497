namespace Reroute.Client;

/// <summary>One attempt on one node: Succeeded, Failed or TimedOut, how long it took, and why it failed.</summary>
public sealed record InvokeAttempt(string Node, string Outcome, double LatencyMs, string? Error);
