namespace Reroute.Interfaces.Scheduling;

/// <summary>The waitlist of one clinic and discipline (key <c>{tenant}/{clinicId}:{discipline}</c>), one entry per patient.</summary>
public interface IWaitlistGrain : IGrainWithStringKey
{
    /// <summary>Adds the patient, or changes the priority of their entry (keeping its place in time).</summary>
    Task<WaitlistEntry> Add(string patientId, int priority);

    /// <summary>Removes the patient's entry; false when there was none.</summary>
    Task<bool> Remove(string patientId);

    /// <summary>Every entry, highest priority first, then longest waiting first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<WaitlistEntry>> List();
}
