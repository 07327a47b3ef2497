namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>An escalation was already decided; the new decision was not recorded.</summary>
public sealed class EscalationConflictException(string message) : InvalidOperationException(message);
