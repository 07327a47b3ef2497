using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>An appointment: FHIR status with a checked lifecycle and history; keeps its provider's schedule index current.</summary>
public sealed class AppointmentGrain([PersistentState("appointment")] IPersistentState<AppointmentState> state) : Grain, IAppointmentGrain
{
    /// <summary>The history reason of the first status.</summary>
    public const string CreatedReason = "created";

    /// <summary>The history reason of a status changed by an upsert.</summary>
    public const string UpdatedReason = "updated";

    /// <inheritdoc />
    public Task<AppointmentRecord?> Get() => Task.FromResult(state.State.Record);

    /// <inheritdoc />
    public async Task<AppointmentRecord> Upsert(Appointment appointment)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        var errors = AppointmentValidation.Validate(appointment);
        errors.Require(appointment.Id == SchedulingKeys.IdOf(GetPrimaryKeyString()), "id", "must be the appointment id the request is for.");
        errors.ThrowIfAny("appointment");

        var current = state.State.Record;
        if (current?.Appointment == appointment)
        {
            // A repeated upsert (a retry, an import run twice) finds the record written; only the indexes may lag.
            await Reindex(current);
            return current;
        }

        var history = current?.History ?? [];
        if (current is null)
        {
            history = [Change(null, appointment.Status, CreatedReason)];
        }
        else if (current.Appointment.Status != appointment.Status)
        {
            RequireTransition(current.Appointment.Status, appointment.Status);
            history = [.. history, Change(current.Appointment.Status, appointment.Status, UpdatedReason)];
        }

        var record = new AppointmentRecord { Appointment = appointment, History = history };
        await state.ReplaceAsync(new AppointmentState { Record = record, Previous = current?.Appointment });
        await UpdateIndexes(current?.Appointment, appointment);
        return record;
    }

    /// <inheritdoc />
    public async Task<AppointmentRecord> ChangeStatus(AppointmentStatus to, string reason)
    {
        var errors = AppointmentValidation.ValidateReason(reason);
        errors.Require(Enum.IsDefined(to), "status", "must be a FHIR appointment status.");
        errors.ThrowIfAny("status change");
        var current = state.State.Record
            ?? throw new KeyNotFoundException($"Appointment {SchedulingKeys.IdOf(GetPrimaryKeyString())} does not exist.");
        var from = current.Appointment.Status;
        if (from == to)
        {
            // A repeated request (a retry, a second click) changes nothing and adds no history; only the indexes may lag.
            await Reindex(current);
            return current;
        }

        RequireTransition(from, to);
        var record = new AppointmentRecord
        {
            Appointment = current.Appointment with { Status = to },
            History = [.. current.History, Change(from, to, reason)],
        };
        await state.ReplaceAsync(new AppointmentState { Record = record, Previous = current.Appointment });
        await UpdateIndexes(current.Appointment, record.Appointment);
        return record;
    }

    /// <inheritdoc />
    public async Task<AppointmentRecord> Reschedule(AppointmentMove move)
    {
        ArgumentNullException.ThrowIfNull(move);
        var errors = AppointmentValidation.ValidateReason(move.Reason);
        errors.RequireId(move.ProviderId, "providerId");
        errors.RequireId(move.ClinicId, "clinicId");
        errors.RequireOrdered(move.Start, move.End, "end");
        errors.ThrowIfAny("move");
        var current = state.State.Record
            ?? throw new KeyNotFoundException($"Appointment {SchedulingKeys.IdOf(GetPrimaryKeyString())} does not exist.");
        var before = current.Appointment;
        var after = before with
        {
            ProviderId = move.ProviderId,
            ClinicId = move.ClinicId,
            Start = move.Start,
            End = move.End,
            Status = AppointmentStatus.Booked,
        };
        if (after == before)
        {
            // A retried move (a crash between booking and recording it, or between recording and indexing it) finds the
            // record written; the indexes are brought up to date, which changes nothing when they already are.
            await Reindex(current);
            return current;
        }

        RequireTransition(before.Status, AppointmentStatus.Booked);
        var record = new AppointmentRecord
        {
            Appointment = after,
            History = [.. current.History, Change(before.Status, AppointmentStatus.Booked, move.Reason)],
        };
        await state.ReplaceAsync(new AppointmentState { Record = record, Previous = before });
        await UpdateIndexes(before, after);
        return record;
    }

    private void RequireTransition(AppointmentStatus from, AppointmentStatus to)
    {
        if (!AppointmentTransitions.IsAllowed(from, to))
        {
            throw new AppointmentTransitionException(SchedulingKeys.IdOf(GetPrimaryKeyString()), from, to);
        }
    }

    private AppointmentStatusChange Change(AppointmentStatus? from, AppointmentStatus to, string reason) =>
        new() { At = Time.GetUtcNow(), From = from, To = to, Reason = reason };

    // Track and untrack are no-ops when the index already shows the change, so repeating the last change's is harmless.
    private Task Reindex(AppointmentRecord current) => UpdateIndexes(state.State.Previous, current.Appointment);

    // After the state write: a failure here leaves a stale index entry that the caller's retry (an idempotent upsert) repairs.
    private async Task UpdateIndexes(Appointment? before, Appointment after)
    {
        var tenant = SchedulingKeys.TenantOf(GetPrimaryKeyString());
        var entry = new ScheduledAppointment { AppointmentId = after.Id, Start = after.Start, End = after.End, Status = after.Status };
        var untrackProvider = before is not null && before.ProviderId != after.ProviderId
            ? GrainFactory.GetGrain<IProviderGrain>(SchedulingKeys.Of(tenant, before.ProviderId)).UntrackAppointment(after.Id)
            : Task.CompletedTask;
        var untrackPatient = before is not null && before.PatientId != after.PatientId
            ? GrainFactory.GetGrain<IPatientScheduleGrain>(SchedulingKeys.Of(tenant, before.PatientId)).UntrackAppointment(after.Id)
            : Task.CompletedTask;
        await Task.WhenAll(
            untrackProvider,
            untrackPatient,
            GrainFactory.GetGrain<IProviderGrain>(SchedulingKeys.Of(tenant, after.ProviderId)).TrackAppointment(entry),
            GrainFactory.GetGrain<IPatientScheduleGrain>(SchedulingKeys.Of(tenant, after.PatientId)).TrackAppointment(entry));
    }
}
