using Microsoft.Extensions.Options;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>Stage 1: the provider's appointments in the window that still need a visit, with their priority.</summary>
[StatelessWorker]
public sealed class TriggerDetectionGrain(IOptions<WorkflowOptions> options) : Grain, ITriggerDetectionGrain
{
    private static readonly AppointmentStatus[] NeedsVisit = [AppointmentStatus.Proposed, AppointmentStatus.Pending, AppointmentStatus.Booked];

    /// <inheritdoc />
    public async Task<IReadOnlyList<AffectedAppointment>> Detect(WorkflowTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var tenant = GetPrimaryKeyString();
        var provider = GrainFactory.GetGrain<IProviderGrain>(SchedulingKeys.Of(tenant, trigger.ProviderId));
        _ = await provider.Get() ?? throw new KeyNotFoundException($"Provider {trigger.ProviderId} does not exist.");
        var now = Time.GetUtcNow();
        var scheduled = await provider.GetAppointments(trigger.Start, trigger.End);
        var found = await Task.WhenAll(scheduled.Where(static s => NeedsVisit.Contains(s.Status)).Select(s => Affected(tenant, trigger.ProviderId, s.AppointmentId, now)));
        return [.. found.OfType<AffectedAppointment>()
            .OrderByDescending(static a => a.Priority)
            .ThenBy(static a => a.Original.Start)
            .ThenBy(static a => a.AppointmentId, StringComparer.Ordinal)];
    }

    // The index may lag the appointment (it is updated after the appointment's own write): the record decides.
    private async Task<AffectedAppointment?> Affected(string tenant, string providerId, string appointmentId, DateTimeOffset now)
    {
        var record = await GrainFactory.GetGrain<IAppointmentGrain>(SchedulingKeys.Of(tenant, appointmentId)).Get();
        if (record?.Appointment is not { } appointment || appointment.ProviderId != providerId || !NeedsVisit.Contains(appointment.Status))
        {
            return null;
        }

        var patient = await GrainFactory.GetGrain<IPatientGrain>(SchedulingKeys.Of(tenant, appointment.PatientId)).Get();
        return new AffectedAppointment
        {
            AppointmentId = appointment.Id,
            PatientId = appointment.PatientId,
            Discipline = appointment.Discipline,
            Original = new CandidateSlot { ProviderId = providerId, ClinicId = appointment.ClinicId, Start = appointment.Start, End = appointment.End },
            Priority = AppointmentPriority.Of(appointment, patient, now, options.Value),
        };
    }
}
