namespace Reroute.Interfaces.Scheduling;

/// <summary>
/// One provider's unavailability window (key <c>{tenant}/{providerId}@{start}-{end}</c>): which workflow handles it, so a
/// trigger repeated while that workflow runs joins it instead of starting a second.
/// </summary>
public interface ITriggerWindowGrain : IGrainWithStringKey
{
    /// <summary>The workflow running for the window, or <paramref name="proposedWorkflowId"/> when none runs (it is recorded).</summary>
    Task<string> Claim(string proposedWorkflowId);

    /// <summary>Frees the window when <paramref name="workflowId"/> has ended; a later trigger starts a new workflow.</summary>
    Task Release(string workflowId);
}
