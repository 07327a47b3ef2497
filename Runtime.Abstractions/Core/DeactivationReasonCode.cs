namespace Reroute.Runtime;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReasonCode
{
    /// <summary>No reason given.</summary>
    None,

    /// <summary>The grain called <c>DeactivateOnIdle</c>.</summary>
    ApplicationRequested,

    /// <summary>The activation was idle longer than the collection age.</summary>
    ActivationIdle,

    /// <summary>The silo is shutting down.</summary>
    ShuttingDown,

    /// <summary>Activation failed in <c>OnActivateAsync</c>.</summary>
    ActivationFailed,

    /// <summary>Another silo now owns the grain's partition.</summary>
    OwnershipLost,

    /// <summary>A state write was refused because another writer changed the stored state: this activation's copy is stale.</summary>
    StaleState,
}
