using Reroute.Interfaces.Scheduling;
using Reroute.Grains.Tests.Scheduling.Entities;

namespace Reroute.Grains.Tests.Scheduling.Fhir;

public sealed class PatientScheduleGrainTests
{
    private static readonly Appointment Visit = new()
    {
        Id = "A1", PatientId = "P1", ProviderId = "T001", ClinicId = "C1", Discipline = "PT",
        Start = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(-5)),
        End = new DateTimeOffset(2026, 3, 2, 9, 45, 0, TimeSpan.FromHours(-5)),
    };

    [Fact]
    public async Task Appointment_upserts_keep_the_patient_s_index_and_a_moved_appointment_leaves_the_old_patient()
    {
        await using var silo = await EntitySilo.Start();
        var all = (DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        await silo.Get<IAppointmentGrain>("A1").Upsert(Visit);
        await silo.Get<IAppointmentGrain>("A2").Upsert(Visit with { Id = "A2", Start = Visit.Start.AddDays(-7), End = Visit.End.AddDays(-7) });
        await silo.Get<IAppointmentGrain>("A1").ChangeStatus(AppointmentStatus.Cancelled, "patient_request");

        var p1 = await silo.Get<IPatientScheduleGrain>("P1").GetAppointments(all.MinValue, all.MaxValue);
        Assert.Equal([("A2", AppointmentStatus.Booked), ("A1", AppointmentStatus.Cancelled)], p1.Select(static a => (a.AppointmentId, a.Status)));
        Assert.Equal(["A1"], (await silo.Get<IPatientScheduleGrain>("P1").GetAppointments(Visit.Start, Visit.End)).Select(static a => a.AppointmentId));

        await silo.Get<IAppointmentGrain>("A2").Upsert(Visit with { Id = "A2", PatientId = "P2", Start = Visit.Start.AddDays(-7), End = Visit.End.AddDays(-7) });

        Assert.Equal(["A1"], (await silo.Get<IPatientScheduleGrain>("P1").GetAppointments(all.MinValue, all.MaxValue)).Select(static a => a.AppointmentId));
        Assert.Equal(["A2"], (await silo.Get<IPatientScheduleGrain>("P2").GetAppointments(all.MinValue, all.MaxValue)).Select(static a => a.AppointmentId));
    }

    [Fact]
    public async Task The_index_survives_a_restart_on_SQLite_and_is_kept_apart_from_the_patient_profile()
    {
        var options = EntitySilo.Options("Sqlite");
        await using (var silo = await Reroute.Runtime.Testing.TestSilo.StartAsync(options))
        {
            await silo.Get<IAppointmentGrain>("A1").Upsert(Visit);
            await silo.Get<IPatientGrain>("P1").Upsert(new PatientProfile { Id = "P1", State = "NY" });
        }

        await using var restarted = await Reroute.Runtime.Testing.TestSilo.StartAsync(options);
        var found = await restarted.Get<IPatientScheduleGrain>("P1").GetAppointments(DateTimeOffset.MinValue, DateTimeOffset.MaxValue);

        Assert.Equal(["A1"], found.Select(static a => a.AppointmentId));
    }
}
