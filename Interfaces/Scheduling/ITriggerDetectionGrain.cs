namespace Reroute.Interfaces.Scheduling;

/// <summary>Stage 1 of rescheduling (stateless worker, key: the tenant): the appointments a trigger affects, by priority.</summary>
public interface ITriggerDetectionGrain : IGrainWithStringKey
{
    /// <summary>
    /// The provider's appointments in the trigger's window that still need a visit (proposed, pending, booked), each
    /// with its rescheduling priority, highest first.
    /// </summary>
    Task<IReadOnlyList<AffectedAppointment>> Detect(WorkflowTrigger trigger);
}
