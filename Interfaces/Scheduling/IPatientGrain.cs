namespace Reroute.Interfaces.Scheduling;

/// <summary>One patient of one tenant (key <c>{tenant}/{patientId}</c>): preferences, coverage, plan of care and history.</summary>
public interface IPatientGrain : IGrainWithStringKey
{
    /// <summary>The profile; null when the patient is unknown.</summary>
    [ReadOnly]
    Task<PatientProfile?> Get();

    /// <summary>Creates or replaces the profile. Invalid profiles are refused unchanged.</summary>
    Task<PatientProfile> Upsert(PatientProfile profile);
}
