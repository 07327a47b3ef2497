namespace Reroute.Interfaces.Scheduling;

/// <summary>
/// Stages 2 and 3 of rescheduling (stateless worker, key: the tenant): the hard filters, the weighted scores and the
/// joint assignment of all affected appointments, and the choice of a waitlisted patient for a freed slot.
/// </summary>
public interface ICandidatePlanningGrain : IGrainWithStringKey
{
    /// <summary>
    /// The appointments with a proposal from the joint assignment (null when no feasible slot is left), ranked
    /// alternatives and the count of candidate slots each filter rejected.
    /// </summary>
    Task<IReadOnlyList<AffectedAppointment>> Plan(IReadOnlyList<AffectedAppointment> appointments);

    /// <summary>
    /// The first patient on the slot's waitlist (clinic and discipline), by priority then waiting time, who passes every
    /// hard filter for the slot and is not in <paramref name="excludedPatientIds"/>; null when none.
    /// </summary>
    Task<string?> FindBackfillPatient(CandidateSlot slot, string discipline, IReadOnlyList<string> excludedPatientIds);
}
