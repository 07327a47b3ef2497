namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>A workflow id was reused for another trigger; nothing changed.</summary>
public sealed class WorkflowConflictException(string message) : InvalidOperationException(message);
