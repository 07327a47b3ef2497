using System.Text.Json;
using Reroute.Grains.Scheduling;
using Reroute.Grains.Scheduling.Demo;
using Reroute.Grains.Tests.Scheduling.Entities;
using Reroute.Interfaces.Scheduling;
using Reroute.Runtime.Serialization;
using Reroute.Runtime.Testing;

namespace Reroute.Grains.Tests.Scheduling.Demo;

public sealed class ClinicNetworkLoaderTests
{
    private const string Tenant = "network-a";

    private static readonly ClinicNetwork Network = ClinicNetworkGenerator.Generate(
        new ClinicNetworkSpec { Clinics = 2, Providers = 9, PatientsPerProvider = 20, StartDate = new DateOnly(2026, 3, 2), Seed = 11 });

    [Fact]
    public async Task Loading_writes_every_record_through_the_grains_and_reports_the_counts()
    {
        await using var silo = await TestSilo.StartAsync(EntitySilo.Options("Sqlite"));

        var report = await ClinicNetworkLoader.LoadAsync(silo.GrainFactory, Tenant, Network);

        Assert.Equal(
            new LoadReport { Providers = 9, Patients = 180, Appointments = Network.Appointments.Count(), WaitlistEntries = Network.Waitlist.Count(), KnowledgeVersion = 1 },
            report);
        Assert.NotEqual(0, report.WaitlistEntries);
        foreach (var provider in Network.Providers)
        {
            var stored = await silo.GrainFactory.GetGrain<IProviderGrain>(SchedulingKeys.Of(Tenant, provider.Id)).Get();
            Assert.Equal(Json(provider), Json(stored));
            var indexed = await silo.GrainFactory.GetGrain<IProviderGrain>(SchedulingKeys.Of(Tenant, provider.Id)).GetAppointments(DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
            Assert.Equal(Network.Appointments.Where(a => a.ProviderId == provider.Id).Select(a => a.Id).Order(), indexed.Select(a => a.AppointmentId).Order());
        }

        foreach (var patient in Network.Patients)
        {
            Assert.Equal(Json(patient), Json(await silo.GrainFactory.GetGrain<IPatientGrain>(SchedulingKeys.Of(Tenant, patient.Id)).Get()));
        }

        foreach (var appointment in Network.Appointments)
        {
            var record = await silo.GrainFactory.GetGrain<IAppointmentGrain>(SchedulingKeys.Of(Tenant, appointment.Id)).Get();
            Assert.Equal(Json(appointment), Json(record!.Appointment));
        }

        foreach (var list in Network.Waitlist.GroupBy(w => (w.ClinicId, w.Discipline)))
        {
            var entries = await silo.GrainFactory.GetGrain<IWaitlistGrain>(SchedulingKeys.OfWaitlist(Tenant, list.Key.ClinicId, list.Key.Discipline)).List();
            Assert.Equal(list.Select(w => (w.PatientId, w.Priority)).OrderBy(e => e.PatientId, StringComparer.Ordinal), entries.Select(e => (e.PatientId, e.Priority)).OrderBy(e => e.PatientId, StringComparer.Ordinal));
        }

        var listed = await silo.GrainFactory.GetGrain<IProviderDirectoryGrain>(Tenant).Find(null, null);
        Assert.Equal(Network.Providers.Select(p => p.Id).Order(StringComparer.Ordinal), listed.Select(l => l.ProviderId));
        var knowledge = await silo.GrainFactory.GetGrain<IKnowledgeGrain>(Tenant).Get();
        Assert.Equal(Json(Network.Knowledge), Json(knowledge.Knowledge));
        Assert.Empty(await silo.GrainFactory.GetGrain<IProviderDirectoryGrain>("another-tenant").Find(null, null));
    }

    [Fact]
    public async Task Loading_the_same_network_again_adds_no_knowledge_version_history_or_waitlist_entry()
    {
        await using var silo = await TestSilo.StartAsync(EntitySilo.Options());
        await ClinicNetworkLoader.LoadAsync(silo.GrainFactory, Tenant, Network);
        silo.Time.Advance(TimeSpan.FromMinutes(5));

        var again = await ClinicNetworkLoader.LoadAsync(silo.GrainFactory, Tenant, Network);

        Assert.Equal(1, again.KnowledgeVersion);
        Assert.Equal(2, (await silo.GrainFactory.GetGrain<IKnowledgeGrain>(Tenant).GetHistory()).Count);
        var appointment = Network.Appointments.First();
        Assert.Single((await silo.GrainFactory.GetGrain<IAppointmentGrain>(SchedulingKeys.Of(Tenant, appointment.Id)).Get())!.History);
        var first = Network.Waitlist.First();
        var entries = await silo.GrainFactory.GetGrain<IWaitlistGrain>(SchedulingKeys.OfWaitlist(Tenant, first.ClinicId, first.Discipline)).List();
        Assert.Equal(Network.Waitlist.Count(w => w.ClinicId == first.ClinicId && w.Discipline == first.Discipline), entries.Count);
        Assert.All(entries, e => Assert.True(e.AddedAt < silo.Time.GetUtcNow()));
    }

    [Fact]
    public async Task Bulk_directory_registration_replaces_listings_by_provider_and_single_registrations_still_apply()
    {
        await using var silo = await TestSilo.StartAsync(EntitySilo.Options());
        var directory = silo.GrainFactory.GetGrain<IProviderDirectoryGrain>(Tenant);
        ProviderListing[] listings =
        [
            new() { ProviderId = "T1", ClinicId = "C1", Discipline = "PT" },
            new() { ProviderId = "T2", ClinicId = "C1", Discipline = "OT" },
            new() { ProviderId = "T1", ClinicId = "C2", Discipline = "PT" },
        ];

        await directory.RegisterMany(listings);
        await directory.Register(listings[2]);
        await directory.Register(new ProviderListing { ProviderId = "T2", ClinicId = "C3", Discipline = "OT" });

        Assert.Equal([("T1", "C2"), ("T2", "C3")], (await directory.Find(null, null)).Select(l => (l.ProviderId, l.ClinicId)));
    }

    [Fact]
    public async Task Tracking_appointments_in_bulk_adds_and_updates_index_entries_by_appointment_id()
    {
        await using var silo = await TestSilo.StartAsync(EntitySilo.Options());
        var provider = silo.GrainFactory.GetGrain<IProviderGrain>(SchedulingKeys.Of(Tenant, "T1"));
        var monday = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(-5));
        ScheduledAppointment At(string id, int hour) =>
            new() { AppointmentId = id, Start = monday.AddHours(hour), End = monday.AddHours(hour).AddMinutes(45), Status = AppointmentStatus.Booked };

        await provider.TrackAppointments([At("A1", 0), At("A2", 1)]);
        await provider.TrackAppointments([At("A1", 3), At("A3", 2)]);
        await provider.TrackAppointment(At("A2", 1));

        var index = await provider.GetAppointments(monday, monday.AddDays(1));
        Assert.Equal([("A2", 1), ("A3", 2), ("A1", 3)], index.Select(a => (a.AppointmentId, (int)(a.Start - monday).TotalHours)));
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, RuntimeJson.Options);
}
