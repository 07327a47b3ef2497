using Reroute.Grains.Scheduling;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Tests.Scheduling;

/// <summary>
/// One candidate that passes every filter and every guardrail: provider T002 taking over appointment A1 of patient P1
/// from departing provider T001. Tests change one thing and expect exactly one filter or guardrail to object.
/// </summary>
internal sealed record SchedulingScenario
{
    public static readonly TimeSpan ClinicOffset = TimeSpan.FromHours(-5);

    /// <summary>Monday 2 March 2026, 08:00 clinic time.</summary>
    public static readonly DateTimeOffset Now = At(2, 8);

    /// <summary>The provider's name: must never appear in a reason.</summary>
    public const string ProviderName = "Dr Jane Roe";

    public required Appointment Appointment { get; init; }

    public required PatientProfile Patient { get; init; }

    public required ProviderProfile Provider { get; init; }

    public required CandidateSlot Slot { get; init; }

    public required SchedulingKnowledge Knowledge { get; init; }

    public static SchedulingScenario Passing()
    {
        var slotStart = At(5, 10);
        var provider = new ProviderProfile
        {
            Id = "T002",
            Name = ProviderName,
            Discipline = "PT",
            Specialties = ["orthopedic", "sports"],
            Licenses = [new ProviderLicense { State = "NY", Status = LicenseStatus.Active, ExpiresOn = new DateOnly(2027, 1, 31) }],
            ClinicId = "C2",
            State = "NY",
            Location = new GeoLocation { Latitude = 40.7306, Longitude = -73.9866 },
            Gender = AdministrativeGender.Female,
            YearsOfExperience = 6,
            Languages = ["en", "es"],
            AcceptedPayers = ["AETNA"],
            DailyCapacity = 8,
            BookableSlots =
            [
                new TimeRange { Start = slotStart, End = slotStart.AddMinutes(45) },
                new TimeRange { Start = At(5, 14), End = At(5, 14).AddMinutes(45) },
            ],
            BookedTimes =
            [
                new TimeRange { Start = At(5, 8), End = At(5, 8).AddMinutes(45) },
                new TimeRange { Start = At(5, 9), End = At(5, 9).AddMinutes(45) },
            ],
        };
        return new SchedulingScenario
        {
            Appointment = new Appointment
            {
                Id = "A1",
                PatientId = "P1",
                ProviderId = "T001",
                ClinicId = "C1",
                Start = At(4, 10),
                End = At(4, 10).AddMinutes(45),
                Discipline = "PT",
                Status = AppointmentStatus.Booked,
            },
            Patient = new PatientProfile
            {
                Id = "P1",
                State = "NY",
                Home = new GeoLocation { Latitude = 40.7128, Longitude = -74.0060 },
                Preferences = new PatientPreferences { MaxTravelDistanceKm = 30 },
                CoveragePayerId = "AETNA",
                PlanOfCare = new PlanOfCare
                {
                    Discipline = "PT",
                    FocusSpecialties = ["orthopedic"],
                    VisitsAuthorized = 12,
                    VisitsUsed = 4,
                    ExpiresOn = new DateOnly(2026, 6, 30),
                    CertifyingProviderId = "MD01",
                },
                ProviderHistory =
                [
                    new ProviderHistoryEntry { ProviderId = "T001", Visits = 4, LastVisit = At(2, 8).AddDays(-7) },
                    new ProviderHistoryEntry { ProviderId = "T002", Visits = 2, LastVisit = At(2, 8).AddDays(-30) },
                ],
                NoShowCount = 1,
                TotalAppointments = 10,
            },
            Provider = provider,
            Slot = new CandidateSlot { ProviderId = "T002", Start = slotStart, End = slotStart.AddMinutes(45), ClinicId = "C2" },
            Knowledge = SchedulingKnowledge.Default with
            {
                PayerRules =
                [
                    new PayerRule { PayerId = "AETNA", AcceptedDisciplines = ["PT", "OT"], RequiresInNetwork = true, AllowedStates = ["NY", "NJ"] },
                ],
            },
        };
    }

    /// <summary>A time in March 2026 at the clinic's offset.</summary>
    public static DateTimeOffset At(int day, int hour, int minute = 0) => new(2026, 3, day, hour, minute, 0, ClinicOffset);

    /// <summary>The slot moved to another time on the provider's schedule (added to the bookable slots).</summary>
    public SchedulingScenario WithSlotAt(DateTimeOffset start)
    {
        var slot = Slot with { Start = start, End = start.AddMinutes(45) };
        return this with
        {
            Slot = slot,
            Provider = Provider with { BookableSlots = [.. Provider.BookableSlots, new TimeRange { Start = slot.Start, End = slot.End }] },
        };
    }

    public FilterRejection? Evaluate() => CandidateFilter.Evaluate(Appointment, Patient, Provider, Slot, Knowledge, Now);

    public FilterRejection? Check(HardFilter filter) => CandidateFilter.Check(filter, Appointment, Patient, Provider, Slot, Knowledge, Now);

    public CandidateScore Score() => CandidateScorer.Score(Appointment, Patient, Provider, Slot, Knowledge);

    public ScoredCandidate Proposal() => new() { AppointmentId = Appointment.Id, Slot = Slot, Score = Score() };

    public GuardrailVerdict Guard() => Guardrails.Evaluate(Appointment, Patient, Provider, Proposal(), Knowledge, Now);
}
