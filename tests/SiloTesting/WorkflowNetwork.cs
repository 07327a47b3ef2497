using Reroute.Interfaces.Scheduling;

namespace Reroute.SiloTesting;

/// <summary>
/// The records of a small clinic network in which a rescheduling workflow can move every appointment, as the Grains
/// tests' WorkflowWorld builds it: departing provider T001 with appointments A1..An on 4 March (clinic C1), replacement
/// providers T002 (5 March) and T003 (6 March) at clinic C2 nearby, patients P1..Pn covered by AETNA, and the payer rule
/// that lets them move. "Now" is <see cref="Now"/>: a silo serving it must run on a clock set there.
/// </summary>
public static class WorkflowNetwork
{
    /// <summary>The clinics' offset from UTC.</summary>
    public static readonly TimeSpan ClinicOffset = TimeSpan.FromHours(-5);

    /// <summary>Monday 2 March 2026, 08:00 clinic time.</summary>
    public static readonly DateTimeOffset Now = At(2, 8);

    /// <summary>The trigger for T001's departure from 3 to 10 March.</summary>
    public static readonly WorkflowTrigger Departure = new()
    {
        ProviderId = "T001",
        Start = At(3, 0),
        End = At(10, 0),
        Reason = "departure",
        Source = TriggerSource.Ehr,
    };

    /// <summary>The tenant's knowledge: the defaults and the AETNA payer rule.</summary>
    public static SchedulingKnowledge Knowledge { get; } = SchedulingKnowledge.Default with
    {
        PayerRules = [new PayerRule { PayerId = "AETNA", AcceptedDisciplines = ["PT", "OT"], RequiresInNetwork = true, AllowedStates = ["NY", "NJ"] }],
    };

    /// <summary>A time in March 2026 at the clinics' offset.</summary>
    public static DateTimeOffset At(int day, int hour) => new(2026, 3, day, hour, 0, 0, ClinicOffset);

    /// <summary>T001 booked for <paramref name="appointments"/> visits, then T002 and T003 with <paramref name="slotsPerProvider"/> open slots each.</summary>
    public static IReadOnlyList<ProviderProfile> Providers(int appointments, int slotsPerProvider = 6) =>
    [
        Provider("T001", "C1") with { BookedTimes = [.. Enumerable.Range(1, appointments).Select(i => Range(At(4, 8 + i)))] },
        Provider("T002", "C2") with { BookableSlots = [.. Enumerable.Range(0, slotsPerProvider).Select(i => Range(At(5, 9 + i)))] },
        Provider("T003", "C2") with { BookableSlots = [.. Enumerable.Range(0, slotsPerProvider).Select(i => Range(At(6, 9 + i)))] },
    ];

    /// <summary>Patients P1..Pn reached on <paramref name="channel"/>; Pi's phone is +1555000 and i in four digits.</summary>
    public static IReadOnlyList<PatientProfile> Patients(int count, NotificationChannel channel = NotificationChannel.Outbox) =>
        [.. Enumerable.Range(1, count).Select(i => Patient($"P{i}", channel, $"+1555000{i:D4}"))];

    /// <summary>Appointments A1..An of P1..Pn with T001 on 4 March, from 09:00 hourly.</summary>
    public static IReadOnlyList<Appointment> Appointments(int count) =>
    [
        .. Enumerable.Range(1, count).Select(i => new Appointment
        {
            Id = $"A{i}",
            PatientId = $"P{i}",
            ProviderId = "T001",
            ClinicId = "C1",
            Start = At(4, 8 + i),
            End = At(4, 8 + i).AddMinutes(45),
            Discipline = "PT",
            Status = AppointmentStatus.Booked,
        }),
    ];

    private static ProviderProfile Provider(string id, string clinic) => new()
    {
        Id = id,
        Name = "Dr " + id,
        Discipline = "PT",
        Specialties = ["orthopedic", "sports"],
        Licenses = [new ProviderLicense { State = "NY", Status = LicenseStatus.Active, ExpiresOn = new DateOnly(2027, 1, 31) }],
        ClinicId = clinic,
        State = "NY",
        Location = new GeoLocation { Latitude = 40.7306, Longitude = -73.9866 },
        Gender = AdministrativeGender.Female,
        YearsOfExperience = 6,
        Languages = ["en", "es"],
        AcceptedPayers = ["AETNA"],
        DailyCapacity = 8,
    };

    private static PatientProfile Patient(string id, NotificationChannel channel, string phone) => new()
    {
        Id = id,
        State = "NY",
        Home = new GeoLocation { Latitude = 40.7128, Longitude = -74.0060 },
        Preferences = new PatientPreferences { MaxTravelDistanceKm = 30 },
        CoveragePayerId = "AETNA",
        Contact = new PatientContact { PreferredChannel = channel, DisplayName = "Pat " + id, Phone = channel == NotificationChannel.Outbox ? null : phone },
        PlanOfCare = new PlanOfCare
        {
            Discipline = "PT",
            FocusSpecialties = ["orthopedic"],
            VisitsAuthorized = 12,
            VisitsUsed = 4,
            ExpiresOn = new DateOnly(2026, 6, 30),
            CertifyingProviderId = "MD01",
        },
        ProviderHistory = [new ProviderHistoryEntry { ProviderId = "T001", Visits = 4, LastVisit = Now.AddDays(-7) }],
        NoShowCount = 1,
        TotalAppointments = 10,
    };

    private static TimeRange Range(DateTimeOffset start) => new() { Start = start, End = start.AddMinutes(45) };
}
