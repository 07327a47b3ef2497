using System.Globalization;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Silo.Tests.Cluster;

/// <summary>
/// A clinic network sized for one workflow per departing provider, dated from the real clock (the silo processes run
/// on it): clinics far apart, so each workflow's candidates are its own clinic's staying providers; each departing
/// provider has <see cref="AppointmentsPerDeparture"/> visits the day after tomorrow, and the staying providers have
/// open slots on the two days after that, more than the clinic's moved visits need. Even patients read their offers in
/// the Reroute outbox (and answer by the signed link), odd ones get them by SMS (and answer YES or NO by text); every
/// seventh patient declines the first offer and accepts the next.
/// </summary>
internal sealed class ClusterClinicNetwork(DateTimeOffset now, int clinics, int departingPerClinic)
{
    public const string Tenant = "cluster";
    public const int AppointmentsPerDeparture = 1;
    private const int StayingPerClinic = 2;
    private const int SlotsPerStayingDay = 4;
    private const string Discipline = "PT";
    private const string Payer = "AETNA";
    private const int SlotMinutes = 45;

    // Clinic hours start at 09:00 at UTC-5.
    private static readonly TimeSpan FirstSlot = TimeSpan.FromHours(14);

    private DateTimeOffset AppointmentDay { get; } = new(now.UtcDateTime.Date.AddDays(2), TimeSpan.Zero);

    public int Workflows => clinics * departingPerClinic;

    public int Appointments => Workflows * AppointmentsPerDeparture;

    public SchedulingKnowledge Knowledge { get; } = SchedulingKnowledge.Default with
    {
        PayerRules = [new PayerRule { PayerId = Payer, AcceptedDisciplines = [Discipline], RequiresInNetwork = true, AllowedStates = ["NY"] }],
    };

    public IEnumerable<string> DepartingProviders() =>
        Enumerable.Range(0, clinics).SelectMany(c => Enumerable.Range(0, departingPerClinic).Select(d => Id("D", c, d)));

    public IEnumerable<string> StayingProviders() =>
        Enumerable.Range(0, clinics).SelectMany(c => Enumerable.Range(0, StayingPerClinic).Select(s => Id("S", c, s)));

    /// <summary>The departure of <paramref name="providerId"/> over the whole appointment day.</summary>
    public object TriggerFor(string providerId) => new
    {
        type = "provider_unavailable",
        providerId,
        start = AppointmentDay,
        end = AppointmentDay.AddDays(1),
        reason = "departure",
        source = "ehr",
    };

    /// <summary>The window that holds every appointment before and after the move.</summary>
    public (DateTimeOffset From, DateTimeOffset To) Window => (AppointmentDay, AppointmentDay.AddDays(3));

    public static bool UsesSms(string patientId) => Index(patientId) % 2 == 1;

    public static bool DeclinesFirstOffer(string patientId) => Index(patientId) % 7 == 3;

    public static string PhoneOf(string patientId) => "+1555" + Index(patientId).ToString("D7", CultureInfo.InvariantCulture);

    public IEnumerable<ProviderProfile> Providers() =>
        Enumerable.Range(0, clinics).SelectMany(clinic =>
            Enumerable.Range(0, StayingPerClinic).Select(s => Provider(Id("S", clinic, s), clinic) with { BookableSlots = [.. OpenSlots()] })
                .Concat(Enumerable.Range(0, departingPerClinic).Select(d => Provider(Id("D", clinic, d), clinic) with
                {
                    BookedTimes = [.. Enumerable.Range(0, AppointmentsPerDeparture).Select(i => Slot(AppointmentDay, i))],
                })));

    public IEnumerable<(PatientProfile Patient, Appointment Appointment)> Visits() =>
        Enumerable.Range(0, clinics).SelectMany(clinic => Enumerable.Range(0, departingPerClinic).SelectMany(d =>
            Enumerable.Range(0, AppointmentsPerDeparture).Select(i =>
            {
                var index = (((clinic * departingPerClinic) + d) * AppointmentsPerDeparture) + i;
                var patient = Patient($"P{index}", Id("D", clinic, d), clinic);
                var slot = Slot(AppointmentDay, i);
                return (patient, new Appointment
                {
                    Id = $"A{index}",
                    PatientId = patient.Id,
                    ProviderId = Id("D", clinic, d),
                    ClinicId = Id("C", clinic),
                    Start = slot.Start,
                    End = slot.End,
                    Discipline = Discipline,
                    Priority = (ClinicalPriority)(index % 3),
                });
            })));

    private static int Index(string patientId) => int.Parse(patientId.AsSpan(1), CultureInfo.InvariantCulture);

    private static string Id(string prefix, int clinic, int? member = null) =>
        member is { } m ? string.Create(CultureInfo.InvariantCulture, $"{prefix}{clinic}-{m}") : string.Create(CultureInfo.InvariantCulture, $"{prefix}{clinic}");

    private static GeoLocation LocationOf(int clinic) => new() { Latitude = 30 + (clinic / 40), Longitude = -120 + (clinic % 40) };

    private IEnumerable<TimeRange> OpenSlots() =>
        Enumerable.Range(0, 2 * SlotsPerStayingDay).Select(i => Slot(AppointmentDay.AddDays(1 + (i / SlotsPerStayingDay)), i % SlotsPerStayingDay));

    private static TimeRange Slot(DateTimeOffset day, int index)
    {
        var start = day + FirstSlot + TimeSpan.FromMinutes(index * SlotMinutes);
        return new TimeRange { Start = start, End = start.AddMinutes(SlotMinutes) };
    }

    private static ProviderProfile Provider(string id, int clinic) => new()
    {
        Id = id,
        Name = "Dr " + id,
        Discipline = Discipline,
        Specialties = ["orthopedic"],
        Licenses = [new ProviderLicense { State = "NY", Status = LicenseStatus.Active, ExpiresOn = new DateOnly(2099, 1, 1) }],
        ClinicId = Id("C", clinic),
        State = "NY",
        Location = LocationOf(clinic),
        YearsOfExperience = 5 + (id.Length % 7),
        AcceptedPayers = [Payer],
        DailyCapacity = 16,
    };

    private PatientProfile Patient(string id, string departingProvider, int clinic) => new()
    {
        Id = id,
        State = "NY",
        Home = LocationOf(clinic),
        CoveragePayerId = Payer,
        Contact = UsesSms(id)
            ? new PatientContact { PreferredChannel = NotificationChannel.Sms, DisplayName = "Pat " + id, Phone = PhoneOf(id) }
            : new PatientContact { PreferredChannel = NotificationChannel.Outbox, DisplayName = "Pat " + id },
        PlanOfCare = new PlanOfCare
        {
            Discipline = Discipline,
            VisitsAuthorized = 12,
            VisitsUsed = 4,
            ExpiresOn = DateOnly.FromDateTime(now.UtcDateTime).AddDays(60),
            CertifyingProviderId = "MD1",
        },
        ProviderHistory = [new ProviderHistoryEntry { ProviderId = departingProvider, Visits = 3, LastVisit = now.AddDays(-7) }],
        TotalAppointments = 10,
    };
}
