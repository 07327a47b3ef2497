using Microsoft.Extensions.Options;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>
/// A patient's appointment index, apart from the patient grain so that a profile upsert (which replaces the profile
/// whole) can never drop it, and so that appointments of a patient the clinic has not sent yet are still found.
/// </summary>
public sealed class PatientScheduleGrain(
    [PersistentState("patientSchedule")] IPersistentState<PatientScheduleState> state,
    IOptions<ScheduleIndexOptions> indexOptions) : Grain, IPatientScheduleGrain
{
    /// <inheritdoc />
    public async Task TrackAppointment(ScheduledAppointment appointment)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        if (ScheduleIndex.With(state.State.Appointments, [appointment], indexOptions.Value.MaxEntries, Time.GetUtcNow()) is { } next)
        {
            await state.ReplaceAsync(state.State with { Appointments = next });
        }
    }

    /// <inheritdoc />
    public async Task UntrackAppointment(string appointmentId)
    {
        if (ScheduleIndex.Without(state.State.Appointments, appointmentId) is { } next)
        {
            await state.ReplaceAsync(state.State with { Appointments = next });
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ScheduledAppointment>> GetAppointments(DateTimeOffset from, DateTimeOffset to) =>
        Task.FromResult(ScheduleIndex.Overlapping(state.State.Appointments, from, to));
}
