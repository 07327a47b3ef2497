using System.Diagnostics;
using Reroute.Grains.Scheduling;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Benchmarks.Scheduling;

/// <summary>
/// Stages 2–3 on one large trigger: 500 affected appointments against 200 providers in three disciplines, each with
/// a week of open slots and daily capacities that bind. Filters and scores every (appointment, slot) pair, then times
/// the joint assignment and compares its total score with the greedy baseline on the same candidates.
/// </summary>
internal static class AssignmentBenchmark
{
    private const int Seed = 20260302;
    private const int Appointments = 500;
    private const int Providers = 200;
    private const int WorkDays = 5;
    private const int Runs = 9;

    private static readonly TimeSpan Offset = TimeSpan.FromHours(-5);
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, Offset);
    private static readonly string[] Disciplines = ["PT", "PT", "PT", "PT", "PT", "OT", "OT", "OT", "SLP", "SLP"];
    private static readonly string[] Payers = ["AETNA", "CIGNA", "MEDICARE", "UHC"];
    private static readonly (double Lat, double Lon)[] Clinics = [(40.7306, -73.9866), (40.6782, -73.9442), (40.7282, -73.7949)];

    private static readonly Dictionary<string, string[]> SpecialtiesOf = new(StringComparer.Ordinal)
    {
        ["PT"] = ["orthopedic", "sports", "vestibular", "neuro", "pelvic-floor", "geriatric"],
        ["OT"] = ["hand", "neuro", "pediatric", "geriatric"],
        ["SLP"] = ["dysphagia", "aphasia", "pediatric", "voice"],
    };

    public static void Run(BenchResults results, bool quick)
    {
        var random = new Random(Seed);
        var providers = Enumerable.Range(0, Providers).Select(i => Provider(random, i)).ToList();
        var patients = new Dictionary<string, PatientProfile>(StringComparer.Ordinal);
        var appointments = new List<Appointment>();
        for (var i = 0; i < Appointments; i++)
        {
            var (appointment, patient) = AffectedAppointment(random, i, providers);
            appointments.Add(appointment);
            patients[patient.Id] = patient;
        }

        var knowledge = SchedulingKnowledge.Default with
        {
            PayerRules =
            [
                new PayerRule { PayerId = "AETNA", AcceptedDisciplines = ["PT", "OT", "SLP"], AllowedStates = ["NY", "NJ"] },
                new PayerRule { PayerId = "CIGNA", AcceptedDisciplines = ["PT", "OT"] },
                new PayerRule { PayerId = "MEDICARE", RequiresInNetwork = true },
                new PayerRule { PayerId = "UHC", RequiresInNetwork = false },
            ],
        };

        var byId = providers.ToDictionary(static p => p.Id, StringComparer.Ordinal);
        List<AppointmentCandidates> Candidates()
        {
            var filtered = CandidateFilter.FilterAll(appointments, patients, providers, knowledge, Now);
            return appointments.Select((a, i) => new AppointmentCandidates
            {
                AppointmentId = a.Id,
                Priority = (a.Start - Now).TotalHours * -1,
                Candidates = CandidateScorer.Rank(a, patients[a.PatientId], filtered[i].Accepted, byId, knowledge),
            }).ToList();
        }

        var prepare = Stopwatch.StartNew();
        var candidates = Candidates();
        var prepareColdMs = prepare.Elapsed.TotalMilliseconds;
        var prepareMs = Median(quick ? 1 : 3, () => candidates = Candidates());
        var pairs = candidates.Sum(static c => c.Candidates.Count);

        var cold = Stopwatch.StartNew();
        var joint = JointAssignment.SolveForProviders(candidates, providers);
        var jointColdMs = cold.Elapsed.TotalMilliseconds;
        var jointMs = Median(quick ? 3 : Runs, () => joint = JointAssignment.SolveForProviders(candidates, providers));
        var greedy = GreedyAssignment.SolveForProviders(candidates, providers);
        var greedyMs = Median(quick ? 3 : Runs, () => greedy = GreedyAssignment.SolveForProviders(candidates, providers));

        Console.WriteLine($"  instance: {Appointments} appointments × {Providers} providers, {providers.Sum(static p => p.BookableSlots.Count):N0} open slots, {pairs:N0} feasible (appointment, slot) pairs");
        results.Add("assignment_ms_500x200", jointMs, "ms", $"joint assignment (min-cost flow), median of {(quick ? 3 : Runs)}");
        results.Add("assignment_ms_500x200_first_run", jointColdMs, "ms", "  … first run, including JIT");
        results.Add("greedy_assignment_ms_500x200", greedyMs, "ms", "greedy baseline, median");
        results.Add("assignment_score_ratio_vs_greedy", joint.TotalScore / greedy.TotalScore, "×", "joint total score / greedy total score");
        results.Add("assignment_score_gain_percent_vs_greedy", ((joint.TotalScore / greedy.TotalScore) - 1) * 100, "%", "  … the same as a gain");
        results.Add("assignment_total_score", joint.TotalScore, "points", "joint total score");
        results.Add("greedy_total_score", greedy.TotalScore, "points", "greedy total score");
        results.Add("assignment_assigned", joint.AssignedCount, "appointments", "placed by the joint assignment");
        results.Add("greedy_assigned", greedy.AssignedCount, "appointments", "placed by greedy");
        results.Add("assignment_candidate_pairs_500x200", pairs, "pairs", "feasible (appointment, slot) pairs after filtering");
        results.Add("filter_and_score_ms_500x200", prepareMs, "ms", "eight filters + six-factor scoring of all pairs, median");
        results.Add("filter_and_score_ms_500x200_first_run", prepareColdMs, "ms", "  … first run, including JIT");
        if (File.Exists("/proc/loadavg"))
        {
            // Timings on a shared two-core machine mean little without knowing what else was running.
            var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            results.Note("load_average_during_run", load);
            Console.WriteLine($"  load average during the run: {load} (on {Environment.ProcessorCount} cores)");
        }
    }

    private static double Median(int runs, Action action)
    {
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return times[runs / 2];
    }

    private static ProviderProfile Provider(Random random, int index)
    {
        var discipline = Disciplines[random.Next(Disciplines.Length)];
        var clinic = random.Next(Clinics.Length);
        var capacity = random.Next(6, 11);
        var open = new List<TimeRange>();
        var booked = new List<TimeRange>();
        for (var day = 1; day <= WorkDays; day++)
        {
            // A full day of hourly visits 08:00–17:00: most are booked, a few are open; the capacity leaves room for
            // one to three more, sometimes fewer than the open slots, so the daily limit binds.
            var hours = Enumerable.Range(8, 10).OrderBy(_ => random.Next()).ToList();
            var remaining = random.Next(1, 4);
            var bookedCount = Math.Max(0, capacity - remaining);
            var openCount = random.Next(1, 4);
            foreach (var hour in hours.Take(bookedCount))
            {
                booked.Add(Hour(day, hour));
            }

            foreach (var hour in hours.Skip(bookedCount).Take(openCount))
            {
                open.Add(Hour(day, hour));
            }
        }

        var specialties = SpecialtiesOf[discipline];
        return new ProviderProfile
        {
            Id = $"T{index + 100:D3}",
            Name = $"Provider {index}",
            Discipline = discipline,
            Specialties = specialties.Where(_ => random.NextDouble() < 0.4).DefaultIfEmpty(specialties[0]).ToList(),
            Licenses =
            [
                new ProviderLicense
                {
                    State = "NY",
                    Status = random.NextDouble() < 0.03 ? LicenseStatus.Suspended : LicenseStatus.Active,
                    ExpiresOn = random.NextDouble() < 0.03 ? new DateOnly(2026, 3, 4) : new DateOnly(2027, 6, 30),
                },
            ],
            ClinicId = "C" + clinic,
            State = "NY",
            Location = new GeoLocation { Latitude = Clinics[clinic].Lat + Jitter(random), Longitude = Clinics[clinic].Lon + Jitter(random) },
            Gender = random.Next(2) == 0 ? AdministrativeGender.Female : AdministrativeGender.Male,
            YearsOfExperience = random.Next(0, 31),
            Languages = random.NextDouble() < 0.3 ? ["en", "es"] : ["en"],
            AcceptedPayers = Payers.Where(_ => random.NextDouble() < 0.75).ToList(),
            DailyCapacity = capacity,
            BookableSlots = open,
            BookedTimes = booked,
        };
    }

    private static (Appointment Appointment, PatientProfile Patient) AffectedAppointment(Random random, int index, List<ProviderProfile> providers)
    {
        var discipline = Disciplines[random.Next(Disciplines.Length)];
        var clinic = random.Next(Clinics.Length);
        var start = Hour(random.Next(1, WorkDays + 1), random.Next(8, 18)).Start;
        var patientId = $"P{index:D4}";
        var seenBefore = providers.Where(p => p.Discipline == discipline).OrderBy(_ => random.Next()).Take(random.Next(0, 3));
        var patient = new PatientProfile
        {
            Id = patientId,
            State = "NY",
            Home = new GeoLocation { Latitude = Clinics[clinic].Lat + (Jitter(random) * 4), Longitude = Clinics[clinic].Lon + (Jitter(random) * 4) },
            Preferences = new PatientPreferences
            {
                PreferredGender = random.NextDouble() < 0.2 ? AdministrativeGender.Female : null,
                Language = random.NextDouble() < 0.15 ? "es" : null,
                PreferredDays = random.NextDouble() < 0.4 ? [(DayOfWeek)random.Next(1, 6), (DayOfWeek)random.Next(1, 6)] : [],
                PreferredTimes = random.NextDouble() < 0.5
                    ? [random.Next(2) == 0 ? new TimeOfDayWindow { From = new TimeOnly(8, 0), To = new TimeOnly(12, 0) } : new TimeOfDayWindow { From = new TimeOnly(13, 0), To = new TimeOnly(17, 0) }]
                    : [],
                MaxTravelDistanceKm = random.NextDouble() < 0.5 ? random.Next(10, 40) : null,
            },
            CoveragePayerId = random.NextDouble() < 0.1 ? null : Payers[random.Next(Payers.Length)],
            PlanOfCare = new PlanOfCare
            {
                Discipline = discipline,
                FocusSpecialties = [SpecialtiesOf[discipline][random.Next(SpecialtiesOf[discipline].Length)]],
                VisitsAuthorized = 12,
                VisitsUsed = random.NextDouble() < 0.03 ? 12 : random.Next(0, 11),
                ExpiresOn = new DateOnly(2026, 5, 31),
                CertifyingProviderId = "MD01",
            },
            ProviderHistory =
            [
                new ProviderHistoryEntry { ProviderId = "D001", Visits = random.Next(1, 12), LastVisit = Now.AddDays(-random.Next(1, 14)) },
                .. seenBefore.Select(p => new ProviderHistoryEntry { ProviderId = p.Id, Visits = random.Next(1, 6), LastVisit = Now.AddDays(-random.Next(10, 400)) }),
            ],
            NoShowCount = random.Next(0, 3),
            TotalAppointments = random.Next(3, 20),
        };
        var appointment = new Appointment
        {
            Id = $"A{index:D4}",
            PatientId = patientId,
            ProviderId = "D001",
            ClinicId = "C" + clinic,
            Start = start,
            End = start.AddMinutes(45),
            Discipline = discipline,
            Status = AppointmentStatus.Booked,
        };
        return (appointment, patient);
    }

    private static TimeRange Hour(int day, int hour)
    {
        var start = new DateTimeOffset(2026, 3, 1 + day, hour, 0, 0, Offset);
        return new TimeRange { Start = start, End = start.AddMinutes(45) };
    }

    private static double Jitter(Random random) => (random.NextDouble() - 0.5) * 0.04;
}
