using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reroute.Grains.Scheduling;
using Reroute.Interfaces.Scheduling;
using Reroute.Runtime;
using Reroute.Runtime.Persistence;
using Reroute.Runtime.Serialization;
using Reroute.Runtime.Testing;
using static Reroute.Grains.Tests.Scheduling.SchedulingScenario;

namespace Reroute.Grains.Tests.Scheduling.Entities;

public sealed class AppointmentGrainTests
{
    private static readonly Appointment Booked = Passing().Appointment;

    public static TheoryData<AppointmentStatus, AppointmentStatus> IllegalTransitions => new()
    {
        { AppointmentStatus.Booked, AppointmentStatus.Fulfilled },
        { AppointmentStatus.Booked, AppointmentStatus.Proposed },
        { AppointmentStatus.Cancelled, AppointmentStatus.Booked },
        { AppointmentStatus.Fulfilled, AppointmentStatus.Cancelled },
        { AppointmentStatus.NoShow, AppointmentStatus.Arrived },
        { AppointmentStatus.EnteredInError, AppointmentStatus.Booked },
    };

    [Fact]
    public async Task Status_changes_follow_the_lifecycle_and_are_recorded_with_time_from_to_and_reason()
    {
        await using var silo = await EntitySilo.Start();
        var appointment = silo.Get<IAppointmentGrain>(Booked.Id);
        var created = silo.Time.GetUtcNow();
        await appointment.Upsert(Booked);
        silo.Time.Advance(TimeSpan.FromHours(1));
        await appointment.ChangeStatus(AppointmentStatus.CheckedIn, "front_desk");
        silo.Time.Advance(TimeSpan.FromMinutes(50));
        var record = await appointment.ChangeStatus(AppointmentStatus.Fulfilled, "visit_completed");

        Assert.Equal(AppointmentStatus.Fulfilled, record.Appointment.Status);
        Assert.Equal(
            [
                (created, (AppointmentStatus?)null, AppointmentStatus.Booked, AppointmentGrain.CreatedReason),
                (created.AddHours(1), AppointmentStatus.Booked, AppointmentStatus.CheckedIn, "front_desk"),
                (created.AddMinutes(110), AppointmentStatus.CheckedIn, AppointmentStatus.Fulfilled, "visit_completed"),
            ],
            record.History.Select(h => (h.At, h.From, h.To, h.Reason)));
    }

    [Theory]
    [MemberData(nameof(IllegalTransitions))]
    public async Task An_illegal_transition_is_refused_by_name_and_leaves_the_appointment_unchanged(AppointmentStatus from, AppointmentStatus to)
    {
        await using var silo = await EntitySilo.Start();
        var appointment = silo.Get<IAppointmentGrain>(Booked.Id);
        await appointment.Upsert(Booked with { Status = from });
        var before = EntitySilo.Json(await appointment.Get());

        var error = await Assert.ThrowsAsync<AppointmentTransitionException>(() => appointment.ChangeStatus(to, "test"));
        await Assert.ThrowsAsync<AppointmentTransitionException>(() => appointment.Upsert(Booked with { Status = to }));

        Assert.Contains($"'{AppointmentTransitions.Name(to)}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, EntitySilo.Json(await appointment.Get()));
    }

    [Fact]
    public async Task The_same_status_again_is_a_no_op_and_an_unknown_appointment_is_not_found()
    {
        await using var silo = await EntitySilo.Start();
        var appointment = silo.Get<IAppointmentGrain>(Booked.Id);
        await appointment.Upsert(Booked);

        var record = await appointment.ChangeStatus(AppointmentStatus.Booked, "retry");

        Assert.Single(record.History);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => silo.Get<IAppointmentGrain>("A-none").ChangeStatus(AppointmentStatus.Cancelled, "x"));
        Assert.Null(await silo.Get<IAppointmentGrain>("A-none").Get());
    }

    [Fact]
    public async Task The_providers_schedule_index_finds_appointments_in_a_window_and_follows_a_move()
    {
        await using var silo = await EntitySilo.Start();
        Appointment At(string id, int day, string provider = "T001") =>
            Booked with { Id = id, ProviderId = provider, Start = SchedulingScenario.At(day, 10), End = SchedulingScenario.At(day, 11) };
        foreach (var appointment in new[] { At("A1", 3), At("A2", 4), At("A3", 6), At("A4", 4, "T002") })
        {
            await silo.Get<IAppointmentGrain>(appointment.Id).Upsert(appointment);
        }

        await silo.Get<IAppointmentGrain>("A2").ChangeStatus(AppointmentStatus.Cancelled, "patient_request");
        var t001 = silo.Get<IProviderGrain>("T001");
        var window = await t001.GetAppointments(SchedulingScenario.At(3, 10, 30), SchedulingScenario.At(5, 0));

        Assert.Equal([("A1", AppointmentStatus.Booked), ("A2", AppointmentStatus.Cancelled)], window.Select(a => (a.AppointmentId, a.Status)));

        await silo.Get<IAppointmentGrain>("A1").Upsert(At("A1", 3, "T002"));
        Assert.Equal(["A2", "A3"], (await t001.GetAppointments(SchedulingScenario.At(1, 0), SchedulingScenario.At(9, 0))).Select(a => a.AppointmentId));
        Assert.Equal(["A1", "A4"], (await silo.Get<IProviderGrain>("T002").GetAppointments(SchedulingScenario.At(1, 0), SchedulingScenario.At(9, 0))).Select(a => a.AppointmentId));
    }

    [Fact]
    public async Task An_invalid_appointment_is_refused_with_its_fields()
    {
        await using var silo = await EntitySilo.Start();
        var appointment = silo.Get<IAppointmentGrain>(Booked.Id);

        var error = await Assert.ThrowsAsync<SchedulingValidationException>(() => appointment.Upsert(Booked with { End = Booked.Start, PatientId = "p/1" }));

        Assert.Equal(["end", "patientId"], error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Null(await appointment.Get());
        Assert.Empty(await silo.Get<IProviderGrain>(Booked.ProviderId).GetAppointments(DateTimeOffset.MinValue, DateTimeOffset.MaxValue));
    }

    [Fact]
    public async Task A_move_retried_after_a_crash_between_its_record_and_the_indexes_moves_the_index_entries_too()
    {
        // The crash of a silo killed mid-move: the moved record (and what it was before) is written, but the provider
        // indexes still show the appointment where it was.
        var options = EntitySilo.Options("Sqlite");
        var move = new AppointmentMove { ProviderId = "T900", ClinicId = "C9", Start = Booked.Start.AddDays(1), End = Booked.End.AddDays(1), Reason = "rescheduled by workflow wf-1" };
        var moved = Booked with { ProviderId = move.ProviderId, ClinicId = move.ClinicId, Start = move.Start, End = move.End };
        var id = new GrainId(GrainInterfaceRegistry.GrainTypeName(typeof(IAppointmentGrain)), EntitySilo.Key(Booked.Id));
        await using (var first = await TestSilo.StartAsync(options))
        {
            await first.Get<IAppointmentGrain>(Booked.Id).Upsert(Booked);
        }

        await using var silo = await TestSilo.StartAsync(options);
        var storage = silo.Services.GetRequiredService<SqliteGrainStorage>();
        var stored = Assert.IsType<StoredState>(await storage.ReadAsync(id, "appointment", CancellationToken.None));
        var record = JsonSerializer.Deserialize<AppointmentState>(stored.Json, RuntimeJson.Options)!.Record!;
        await storage.WriteAsync(id, "appointment", EntitySilo.Json(new AppointmentState { Record = record with { Appointment = moved }, Previous = Booked }), stored.Etag, CancellationToken.None);

        var retried = await silo.Get<IAppointmentGrain>(Booked.Id).Reschedule(move);

        Assert.Equal(moved, retried.Appointment);
        Assert.Equal([Booked.Id], (await silo.Get<IProviderGrain>("T900").GetAppointments(DateTimeOffset.MinValue, DateTimeOffset.MaxValue)).Select(static a => a.AppointmentId));
        Assert.Empty(await silo.Get<IProviderGrain>(Booked.ProviderId).GetAppointments(DateTimeOffset.MinValue, DateTimeOffset.MaxValue));
    }
}
