namespace Reroute.Client;

/// <summary>What a trigger did: the workflow, and whether this request started it.</summary>
/// <param name="Workflow">The workflow now running (or already finished) for the trigger.</param>
/// <param name="Created">
/// True when this request started it (201), including a retry that the silo answered from its idempotency record;
/// false when a workflow for the same provider window was already running and was returned instead (200).
/// </param>
public sealed record WorkflowTriggerResult(WorkflowDetail Workflow, bool Created);
