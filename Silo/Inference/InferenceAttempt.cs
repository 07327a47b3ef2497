namespace Reroute.Silo.Inference;

/// <summary>One attempt on one node: how it went, how long it took and, when it failed, why (never the content).</summary>
public sealed record InferenceAttempt(string Node, AttemptOutcome Outcome, double LatencyMs, string? Error);
