using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>The waitlist of one clinic and discipline: one entry per patient, served by priority, then by waiting time.</summary>
public sealed class WaitlistGrain([PersistentState("waitlist")] IPersistentState<WaitlistState> state) : Grain, IWaitlistGrain
{
    /// <inheritdoc />
    public async Task<WaitlistEntry> Add(string patientId, int priority)
    {
        AppointmentValidation.ValidateWaitlistEntry(patientId, priority).ThrowIfAny("waitlist entry");
        var existing = state.State.Entries.FirstOrDefault(e => e.PatientId == patientId);
        if (existing?.Priority == priority)
        {
            return existing;
        }

        // A new priority keeps the patient's place in time: re-prioritising must not push them to the back.
        var entry = new WaitlistEntry { PatientId = patientId, Priority = priority, AddedAt = existing?.AddedAt ?? Time.GetUtcNow() };
        await state.ReplaceAsync(new WaitlistState { Entries = [.. state.State.Entries.Where(e => e.PatientId != patientId), entry] });
        return entry;
    }

    /// <inheritdoc />
    public async Task<bool> Remove(string patientId)
    {
        if (!state.State.Entries.Any(e => e.PatientId == patientId))
        {
            return false;
        }

        await state.ReplaceAsync(new WaitlistState { Entries = [.. state.State.Entries.Where(e => e.PatientId != patientId)] });
        return true;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WaitlistEntry>> List()
    {
        IReadOnlyList<WaitlistEntry> ordered = [.. state.State.Entries
            .OrderByDescending(static e => e.Priority)
            .ThenBy(static e => e.AddedAt)
            .ThenBy(static e => e.PatientId, StringComparer.Ordinal)];
        return Task.FromResult(ordered);
    }
}
