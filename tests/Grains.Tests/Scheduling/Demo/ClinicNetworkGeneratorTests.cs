using System.Text.Json;
using Reroute.Grains.Scheduling;
using Reroute.Grains.Scheduling.Demo;
using Reroute.Interfaces.Scheduling;
using Reroute.Runtime.Serialization;

namespace Reroute.Grains.Tests.Scheduling.Demo;

public sealed class ClinicNetworkGeneratorTests
{
    /// <summary>A Monday, so the first week holds five working days.</summary>
    private static readonly DateOnly Start = new(2026, 3, 2);

    private static readonly ClinicNetwork DemoNetwork = ClinicNetworkGenerator.Generate(ClinicNetworkSpec.Demo(Start));

    [Fact]
    public void The_demo_network_has_3_clinics_40_providers_800_patients_and_two_weeks_of_appointments()
    {
        Assert.Equal(["C01", "C02", "C03"], DemoNetwork.Clinics.Select(c => c.Id));
        Assert.Equal(40, DemoNetwork.Providers.Count());
        Assert.Equal(800, DemoNetwork.Patients.Count());
        var appointments = DemoNetwork.Appointments.ToList();
        Assert.InRange(appointments.Count, 40 * 20, 40 * 80);
        Assert.All(appointments, a => Assert.InRange(ProviderDay(a.Start), Start, Start.AddDays(13)));
        Assert.Contains(appointments, a => ProviderDay(a.Start) >= Start.AddDays(7));
        Assert.Equal(["OT", "PT", "SLP"], DemoNetwork.Providers.Select(p => p.Discipline).Distinct().Order());
        Assert.All(DemoNetwork.Clinics, c => Assert.Equal(3, DemoNetwork.Providers.Where(p => p.ClinicId == c.Id).Select(p => p.Discipline).Distinct().Count()));
    }

    [Fact]
    public void Provider_T001_is_a_PT_at_the_first_clinic_with_15_to_25_appointments_in_the_first_week()
    {
        var panel = DemoNetwork.Panels.Single(p => p.Provider.Id == ClinicNetworkGenerator.DepartingProviderId);

        Assert.Equal(("C01", "PT"), (panel.Provider.ClinicId, panel.Provider.Discipline));
        Assert.InRange(panel.Appointments.Count(a => ProviderDay(a.Start) < Start.AddDays(7)), 15, 25);
        Assert.All(panel.Appointments, a => Assert.Equal("T001", a.ProviderId));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Whatever_weekday_today_is_T001_has_15_to_25_appointments_in_the_next_seven_days(int dayOfMarch)
    {
        var start = new DateOnly(2026, 3, dayOfMarch);
        var network = ClinicNetworkGenerator.Generate(ClinicNetworkSpec.Demo(start));

        var firstWeek = network.Appointments.Count(a => a.ProviderId == ClinicNetworkGenerator.DepartingProviderId && ProviderDay(a.Start) < start.AddDays(7));

        Assert.InRange(firstWeek, 15, 25);
    }

    [Fact]
    public void Every_generated_record_passes_the_validation_the_grains_apply()
    {
        var network = ClinicNetworkGenerator.Generate(new ClinicNetworkSpec { Clinics = 7, Providers = 120, PatientsPerProvider = 12, StartDate = Start, Seed = 7 });

        Assert.All(network.Providers, p => Assert.True(ProfileValidation.Validate(p).IsEmpty, Describe(ProfileValidation.Validate(p))));
        Assert.All(network.Patients, p => Assert.True(ProfileValidation.Validate(p).IsEmpty, Describe(ProfileValidation.Validate(p))));
        Assert.All(network.Appointments, a => Assert.True(AppointmentValidation.Validate(a).IsEmpty, Describe(AppointmentValidation.Validate(a))));
        Assert.All(network.Waitlist, w => Assert.True(AppointmentValidation.ValidateWaitlistEntry(w.PatientId, w.Priority).IsEmpty));
        Assert.True(KnowledgeValidation.Validate(network.Knowledge).IsEmpty, Describe(KnowledgeValidation.Validate(network.Knowledge)));
        Assert.All(network.Providers.Concat<object>(network.Patients).Concat(network.Appointments), r => Assert.True(SchedulingKeys.IsValidId(IdOf(r))));
    }

    [Fact]
    public void The_same_spec_generates_the_same_network_and_another_seed_a_different_one()
    {
        var spec = ClinicNetworkSpec.Demo(Start, seed: 1234);

        var first = Json(ClinicNetworkGenerator.Generate(spec));
        var second = Json(ClinicNetworkGenerator.Generate(spec));
        var streamed = Json(ClinicNetworkGenerator.GeneratePanels(spec).ToList());
        var otherSeed = Json(ClinicNetworkGenerator.Generate(spec with { Seed = 1235 }));

        Assert.Equal(first, second);
        Assert.Equal(Json(ClinicNetworkGenerator.Generate(spec).Panels), streamed);
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public void Every_appointment_is_in_a_booked_slot_of_its_provider_and_no_provider_day_is_over_capacity()
    {
        var network = ClinicNetworkGenerator.Generate(new ClinicNetworkSpec { Clinics = 5, Providers = 75, StartDate = Start.AddDays(3), Seed = 99 });
        var providers = network.Providers.ToDictionary(p => p.Id);
        var patients = network.Patients.ToDictionary(p => p.Id);
        var appointments = network.Appointments.ToList();

        Assert.Equal(appointments.Count, appointments.Select(a => a.Id).Distinct().Count());
        foreach (var appointment in appointments)
        {
            var provider = providers[appointment.ProviderId];
            Assert.Contains(new TimeRange { Start = appointment.Start, End = appointment.End }, provider.BookedTimes);
            Assert.Equal((provider.ClinicId, provider.Discipline), (appointment.ClinicId, appointment.Discipline));
            Assert.True(patients.ContainsKey(appointment.PatientId), $"appointment {appointment.Id}: unknown patient {appointment.PatientId}");
            Assert.Equal(appointment.Discipline, patients[appointment.PatientId].PlanOfCare!.Discipline);
        }

        foreach (var provider in providers.Values)
        {
            var mine = appointments.Where(a => a.ProviderId == provider.Id).ToList();
            Assert.Equal(mine.Count, provider.BookedTimes.Count);
            Assert.Empty(provider.BookableSlots.Intersect(provider.BookedTimes));
            var all = provider.BookableSlots.Concat(provider.BookedTimes).OrderBy(s => s.Start).ToList();
            Assert.All(all.Zip(all.Skip(1)), pair => Assert.True(pair.First.End <= pair.Second.Start, $"{provider.Id}: overlapping slots"));
            Assert.All(mine.GroupBy(a => ProviderDay(a.Start)), day => Assert.True(day.Count() <= provider.DailyCapacity, $"{provider.Id} on {day.Key}: {day.Count()} > {provider.DailyCapacity}"));
            Assert.All(provider.Unavailability, away => Assert.DoesNotContain(all, s => s.Start < away.End && away.Start < s.End));
        }

        Assert.All(appointments.GroupBy(a => a.PatientId), visits => Assert.Equal(visits.Count(), visits.Select(v => ProviderDay(v.Start)).Distinct().Count()));
        Assert.All(network.Waitlist, w =>
        {
            Assert.True(patients.ContainsKey(w.PatientId));
            Assert.Contains(providers.Values, p => p.ClinicId == w.ClinicId && p.Discipline == w.Discipline);
        });
    }

    [Fact]
    public void The_departing_providers_first_week_fits_into_the_free_capacity_of_same_discipline_colleagues_nearby()
    {
        var providers = DemoNetwork.Providers.ToList();
        var departing = providers.Single(p => p.Id == ClinicNetworkGenerator.DepartingProviderId);
        var firstWeek = DemoNetwork.Appointments.Count(a => a.ProviderId == departing.Id && ProviderDay(a.Start) < Start.AddDays(7));

        var freeSameClinic = providers
            .Where(p => p.Id != departing.Id && p.Discipline == departing.Discipline && p.ClinicId == departing.ClinicId)
            .Sum(p => FreeCapacity(p, Start, Start.AddDays(7)));
        var freeNetwork = providers
            .Where(p => p.Id != departing.Id && p.Discipline == departing.Discipline)
            .Sum(p => FreeCapacity(p, Start, Start.AddDays(7)));

        Assert.True(freeNetwork >= firstWeek, $"{freeNetwork} free PT visits for {firstWeek} appointments");
        // Contention: the departing provider's patients cannot all simply move to one colleague at the same clinic.
        Assert.True(providers.Where(p => p.Id != departing.Id && p.Discipline == departing.Discipline && p.ClinicId == departing.ClinicId)
            .All(p => FreeCapacity(p, Start, Start.AddDays(7)) < firstWeek), "some colleague has room for every appointment");
        Assert.True(freeSameClinic > 0);

        var booked = DemoNetwork.Appointments.Count();
        var capacity = providers.Sum(p => p.BookedTimes.Concat(p.BookableSlots).GroupBy(s => ProviderDay(s.Start)).Count() * p.DailyCapacity);
        Assert.InRange(booked / (double)capacity, 0.5, 0.9);
    }

    [Fact]
    public void The_network_is_realistic_licenses_geography_payers_channels_history_and_waitlists()
    {
        var network = ClinicNetworkGenerator.Generate(new ClinicNetworkSpec { Clinics = 6, Providers = 300, PatientsPerProvider = 10, StartDate = Start, Seed = 5 });
        var providers = network.Providers.ToList();
        var patients = network.Patients.ToList();
        var horizonEnd = Start.AddDays(14);

        var clinics = network.Clinics;
        Assert.All(clinics.SelectMany(a => clinics.Where(b => b.Id != a.Id).Select(b => GeoDistance.Km(a.Location, b.Location))), km => Assert.InRange(km, 1, 20));
        Assert.Contains(providers, p => p.Licenses.Any(l => l.Status == LicenseStatus.Active && l.ExpiresOn >= Start && l.ExpiresOn < horizonEnd));
        Assert.Contains(providers, p => p.Licenses.Any(l => l.Status is LicenseStatus.Expired or LicenseStatus.Suspended));
        Assert.Contains(patients, p => p.State != "OH");
        Assert.All(network.Panels.SelectMany(panel => panel.Patients.Where(p => p.State != panel.Provider.State).Select(p => (panel.Provider, p.State))), crossBorder =>
            Assert.Contains(crossBorder.Provider.Licenses, l => l.State == crossBorder.State && l.Status == LicenseStatus.Active));
        Assert.Equal(
            [NotificationChannel.Outbox, NotificationChannel.Email, NotificationChannel.Sms, NotificationChannel.Ivr],
            patients.Select(p => p.Contact?.PreferredChannel ?? NotificationChannel.Outbox).Distinct().Order());
        Assert.All(patients.Select(p => p.Contact).OfType<PatientContact>(), c =>
        {
            Assert.True(c.Email is null || c.Email.EndsWith("@example.org", StringComparison.Ordinal), c.Email);
            Assert.True(c.Phone is null || (c.Phone.Length == 12 && c.Phone.Substring(5, 5) == "55501"), c.Phone);
        });

        // Fictional numbers (555-01xx) yet each patient's own: an SMS reply finds its offer by the number it comes from.
        var phones = patients.Select(p => p.Contact?.Phone).OfType<string>().ToList();
        Assert.Equal(phones.Count, phones.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(network.Appointments, a => a.Priority == ClinicalPriority.Urgent);
        Assert.Contains(patients, p => p.ProviderHistory.Count == 2);
        Assert.Contains(patients, p => p.NoShowCount >= 2);
        Assert.Contains(patients, p => p.Preferences.Language == "es");
        Assert.Contains(patients, p => p.CoveragePayerId is null);
        Assert.All(patients.Where(p => p.CoveragePayerId is not null), p => Assert.Contains(network.Knowledge.PayerRules, r => r.PayerId == p.CoveragePayerId));
        Assert.Contains(providers, p => p.Gender == AdministrativeGender.Male);
        Assert.Contains(providers, p => p.Languages.Count > 1);
        Assert.NotEmpty(network.Waitlist);
        Assert.Equal(network.Waitlist.Count(), network.Waitlist.Select(w => w.PatientId).Distinct().Count());
    }

    [Fact]
    public void Ids_keep_T001_at_any_size_and_a_bad_spec_is_refused_naming_the_member()
    {
        Assert.Equal(("T001", "T27000", "P540000"), (ClinicNetworkGenerator.ProviderId(1), ClinicNetworkGenerator.ProviderId(27_000), ClinicNetworkGenerator.PatientId(540_000)));
        var error = Assert.Throws<ArgumentException>(() => ClinicNetworkGenerator.Generate(ClinicNetworkSpec.Demo(Start) with { Clinics = 41 }));
        Assert.Contains("Clinics", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ClinicNetworkGenerator.GeneratePanels(ClinicNetworkSpec.Demo(Start) with { Days = 0 }));
    }

    internal static DateOnly ProviderDay(DateTimeOffset time) => DateOnly.FromDateTime(time.DateTime);

    // Visits the provider could still take in [from, to): per day, the lesser of capacity left and open slots.
    private static int FreeCapacity(ProviderProfile provider, DateOnly from, DateOnly to)
    {
        var days = provider.BookableSlots.Select(s => ProviderDay(s.Start)).Where(d => d >= from && d < to).Distinct();
        return days.Sum(d => Math.Min(
            provider.DailyCapacity - provider.BookedTimes.Count(b => ProviderDay(b.Start) == d),
            provider.BookableSlots.Count(s => ProviderDay(s.Start) == d)));
    }

    private static string IdOf(object record) => record switch
    {
        ProviderProfile p => p.Id,
        PatientProfile p => p.Id,
        Appointment a => a.Id,
        _ => throw new ArgumentOutOfRangeException(nameof(record)),
    };

    private static string Describe(ValidationErrors errors) => string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, RuntimeJson.Options);
}
