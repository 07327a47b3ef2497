using Reroute.Grains.Scheduling;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Benchmarks.Scheduling;

/// <summary>
/// The benchmark's clinic network: clinics far apart (so each workflow's candidates are its own clinic's providers),
/// each with departing providers whose 15 appointments fall the day after tomorrow and staying providers with open slots
/// on the two days after that, enough for every appointment with some contention.
/// </summary>
internal sealed class WorkflowNetwork(DateTimeOffset now, int clinics, int departingPerClinic, int appointmentsPerProvider, int stayingPerClinic)
{
    public const string Tenant = "bench";
    private const string Discipline = "PT";
    private const string Payer = "AETNA";
    private const int SlotMinutes = 45;

    public DateTimeOffset Now { get; } = now;

    public IEnumerable<string> DepartingProviders() =>
        Enumerable.Range(0, clinics).SelectMany(c => Enumerable.Range(0, departingPerClinic).Select(d => $"D{c}-{d}"));

    public DateTime AppointmentDay => Now.UtcDateTime.Date.AddDays(2);

    public WorkflowTrigger TriggerFor(string providerId) => new()
    {
        ProviderId = providerId,
        Start = new DateTimeOffset(AppointmentDay, TimeSpan.Zero),
        End = new DateTimeOffset(AppointmentDay.AddDays(1), TimeSpan.Zero),
        Reason = "departure",
        Source = TriggerSource.Ehr,
    };

    public async Task SeedAsync(IGrainFactory grains)
    {
        await grains.GetGrain<IKnowledgeGrain>(Tenant).Update(SchedulingKnowledge.Default with
        {
            PayerRules = [new PayerRule { PayerId = Payer, AcceptedDisciplines = [Discipline], RequiresInNetwork = true, AllowedStates = ["NY"] }],
        });
        await Parallel.ForEachAsync(Enumerable.Range(0, clinics), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (clinic, _) =>
        {
            var location = new GeoLocation { Latitude = 30 + (clinic / 40 * 1.0), Longitude = -120 + (clinic % 40 * 1.0) };
            var slotsNeeded = departingPerClinic * appointmentsPerProvider;
            var slotsPerStaying = (int)Math.Ceiling(slotsNeeded * 1.25 / stayingPerClinic);
            for (var s = 0; s < stayingPerClinic; s++)
            {
                await grains.GetGrain<IProviderGrain>(SchedulingKeys.Of(Tenant, $"S{clinic}-{s}")).Upsert(Provider($"S{clinic}-{s}", clinic, location, [.. OpenSlots(slotsPerStaying)]));
            }

            for (var d = 0; d < departingPerClinic; d++)
            {
                var providerId = $"D{clinic}-{d}";
                var times = Enumerable.Range(0, appointmentsPerProvider).Select(i => Slot(AppointmentDay, i)).ToList();
                await grains.GetGrain<IProviderGrain>(SchedulingKeys.Of(Tenant, providerId)).Upsert(Provider(providerId, clinic, location, []) with { BookedTimes = times });
                for (var i = 0; i < appointmentsPerProvider; i++)
                {
                    var patientId = $"P{clinic}-{d}-{i}";
                    await grains.GetGrain<IPatientGrain>(SchedulingKeys.Of(Tenant, patientId)).Upsert(new PatientProfile
                    {
                        Id = patientId,
                        State = "NY",
                        Home = location,
                        CoveragePayerId = Payer,
                        PlanOfCare = new PlanOfCare
                        {
                            Discipline = Discipline,
                            VisitsAuthorized = 12,
                            VisitsUsed = i % 6,
                            ExpiresOn = DateOnly.FromDateTime(Now.UtcDateTime).AddDays(60),
                            CertifyingProviderId = "MD1",
                        },
                        ProviderHistory = [new ProviderHistoryEntry { ProviderId = providerId, Visits = 3, LastVisit = Now.AddDays(-7) }],
                        TotalAppointments = 10,
                        NoShowCount = i % 3,
                    });
                    await grains.GetGrain<IAppointmentGrain>(SchedulingKeys.Of(Tenant, $"A{clinic}-{d}-{i}")).Upsert(new Appointment
                    {
                        Id = $"A{clinic}-{d}-{i}",
                        PatientId = patientId,
                        ProviderId = providerId,
                        ClinicId = $"C{clinic}",
                        Start = times[i].Start,
                        End = times[i].End,
                        Discipline = Discipline,
                        Priority = (ClinicalPriority)(i % 3),
                    });
                }
            }
        });
    }

    private IEnumerable<TimeRange> OpenSlots(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Slot(AppointmentDay.AddDays(1 + (i / 12)), i % 12);
        }
    }

    private static TimeRange Slot(DateTime day, int index)
    {
        var start = new DateTimeOffset(day, TimeSpan.Zero).AddHours(8).AddMinutes(index * SlotMinutes);
        return new TimeRange { Start = start, End = start.AddMinutes(SlotMinutes) };
    }

    private static ProviderProfile Provider(string id, int clinic, GeoLocation location, IReadOnlyList<TimeRange> slots) => new()
    {
        Id = id,
        Discipline = Discipline,
        Specialties = ["orthopedic"],
        Licenses = [new ProviderLicense { State = "NY", Status = LicenseStatus.Active, ExpiresOn = new DateOnly(2099, 1, 1) }],
        ClinicId = $"C{clinic}",
        State = "NY",
        Location = location,
        YearsOfExperience = 5 + (id.Length % 7),
        AcceptedPayers = [Payer],
        DailyCapacity = 16,
        BookableSlots = slots,
    };
}
