using System.Globalization;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Demo;

/// <summary>
/// Builds one provider's panel: the provider's profile and schedule, their patients, and the patients' visits booked
/// into the schedule. Each provider draws from its own seeded random source, so a panel does not depend on the panels
/// generated before it.
/// </summary>
internal sealed class PanelBuilder
{
    /// <summary>Every visit is 45 minutes, starting on the hour.</summary>
    private static readonly TimeSpan VisitLength = TimeSpan.FromMinutes(45);

    /// <summary>No visits start at noon.</summary>
    private const int LunchHour = 12;

    /// <summary>Visits a full-time provider's day has room for (the lunch hour aside).</summary>
    private const int SlotsPerDay = 8;

    /// <summary>
    /// The departing provider of the demo books at most this many visits a day, so that its first week holds the 15 to 25
    /// appointments the demo reschedules.
    /// </summary>
    private const int DepartingProviderDailyBookings = 4;

    private const int DaysPerWeek = 7;

    // Area codes 201 to 999, starting from Cincinnati's 513.
    private const int FirstAreaCode = 201;
    private const int AreaCodes = 799;
    private const int FirstAreaCodeOffset = 513 - FirstAreaCode;
    private const int FictionalNumbersPerAreaCode = 100;

    private static readonly TimeOfDayWindow[] TimeWindows =
    [
        new() { From = new TimeOnly(7, 0), To = new TimeOnly(12, 0) },
        new() { From = new TimeOnly(12, 0), To = new TimeOnly(17, 0) },
        new() { From = new TimeOnly(15, 0), To = new TimeOnly(19, 0) },
    ];

    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private readonly NetworkLayout _layout;
    private readonly ClinicNetworkSpec _spec;
    private readonly int _number;
    private readonly Random _random;
    private readonly Clinic _clinic;
    private readonly string _discipline;
    private readonly string _providerId;

    public PanelBuilder(NetworkLayout layout, int providerNumber)
    {
        _layout = layout;
        _spec = layout.Spec;
        _number = providerNumber;
        _random = new Random(ClinicNetworkGenerator.SeedFor(_spec.Seed, providerNumber));
        _clinic = layout.Clinics[layout.ClinicIndexOf(providerNumber)];
        _discipline = layout.DisciplineOf(providerNumber);
        _providerId = ClinicNetworkGenerator.ProviderId(providerNumber);
    }

    private bool IsDeparting => _providerId == ClinicNetworkGenerator.DepartingProviderId;

    /// <summary>Builds the panel; appointment ids are numbered from <paramref name="firstAppointmentNumber"/>.</summary>
    public ProviderPanel Build(int firstAppointmentNumber)
    {
        var provider = Provider();
        var schedule = Schedule(out var unavailability);
        var patients = new List<PatientPlan>(_spec.PatientsPerProvider);
        for (var i = 1; i <= _spec.PatientsPerProvider; i++)
        {
            patients.Add(Patient(((_number - 1) * _spec.PatientsPerProvider) + i, provider));
        }

        var booked = Book(schedule, patients, provider.DailyCapacity);
        var appointments = new List<Appointment>(booked.Count);
        foreach (var (slot, plan) in booked.OrderBy(static b => b.Slot.Start).ThenBy(static b => b.Plan.Profile.Id, StringComparer.Ordinal))
        {
            appointments.Add(new Appointment
            {
                Id = ClinicNetworkGenerator.AppointmentId(firstAppointmentNumber + appointments.Count),
                PatientId = plan.Profile.Id,
                ProviderId = _providerId,
                ClinicId = _clinic.Id,
                Start = slot.Start,
                End = slot.End,
                Discipline = _discipline,
                RequiredSpecialty = plan.RequiredSpecialty,
                Priority = plan.Priority,
                Status = AppointmentStatus.Booked,
            });
        }

        var bookedSlots = booked.Select(static b => b.Slot).ToHashSet();
        var waitlist = patients
            .Where(static p => p.Missing > 0)
            .Select(p => new ClinicWaitlistEntry
            {
                ClinicId = _clinic.Id,
                Discipline = _discipline,
                PatientId = p.Profile.Id,
                // More missed visits, more urgent; capped below the top so staff can still put someone ahead of everyone.
                Priority = 20 + (10 * Math.Min(p.Missing, 4)) + _random.Next(30),
            })
            .ToList();

        return new ProviderPanel
        {
            Provider = provider with
            {
                BookableSlots = [.. schedule.Where(s => !bookedSlots.Contains(s))],
                BookedTimes = [.. appointments.Select(static a => new TimeRange { Start = a.Start, End = a.End })],
                Unavailability = unavailability,
            },
            Patients = [.. patients.Select(static p => p.Profile)],
            Appointments = appointments,
            Waitlist = waitlist,
        };
    }

    private ProviderProfile Provider()
    {
        var specialties = NetworkCatalog.Specialties[_discipline];
        var payers = NetworkCatalog.Payers
            .Where((payer, i) => i == 0 ? _random.NextDouble() < 0.92 : _random.NextDouble() < 0.6)
            .ToList();
        if (payers.Count < 3)
        {
            payers = [.. NetworkCatalog.Payers.Take(3)];
        }

        var languages = new List<string> { NetworkCatalog.English };
        foreach (var (language, share) in NetworkCatalog.OtherLanguages)
        {
            if (_random.NextDouble() < share)
            {
                languages.Add(language);
            }
        }

        return new ProviderProfile
        {
            Id = _providerId,
            Name = FakeNames.Person(_random),
            Discipline = _discipline,
            Specialties = [.. Pick(specialties, 1 + _random.Next(3))],
            Licenses = Licenses(),
            ClinicId = _clinic.Id,
            State = _clinic.State,
            Location = _clinic.Location,
            Gender = Draw(_random.NextDouble(), (0.70, AdministrativeGender.Female), (0.98, AdministrativeGender.Male), (1, AdministrativeGender.Other)),
            YearsOfExperience = Math.Round(0.5 + (29.5 * Math.Pow(_random.NextDouble(), 1.6)), 1),
            Languages = languages,
            AcceptedPayers = payers,
            DailyCapacity = IsDeparting ? 7 : 6 + _random.Next(3),
        };
    }

    // Most licenses run for years; every 25th provider's home license runs out inside the horizon, and a second-state
    // license is now and then expired or suspended, so the license filter has real work to do.
    private IReadOnlyList<ProviderLicense> Licenses()
    {
        var horizonEnd = _spec.StartDate.AddDays(_spec.Days);
        var home = new ProviderLicense
        {
            State = _clinic.State,
            Status = LicenseStatus.Active,
            ExpiresOn = !IsDeparting && _number % 25 == 7 && _spec.Days > 3
                ? _spec.StartDate.AddDays(3 + _random.Next(_spec.Days - 3))
                : horizonEnd.AddDays(60 + _random.Next(660)),
        };
        if (_clinic.NeighbourState is not { } neighbour || _random.NextDouble() >= 0.3)
        {
            return [home];
        }

        var roll = _random.NextDouble();
        var second = roll switch
        {
            < 0.08 => new ProviderLicense { State = neighbour, Status = LicenseStatus.Expired, ExpiresOn = _spec.StartDate.AddDays(-10 - _random.Next(200)) },
            < 0.12 => new ProviderLicense { State = neighbour, Status = LicenseStatus.Suspended, ExpiresOn = horizonEnd.AddDays(30 + _random.Next(300)) },
            _ => new ProviderLicense { State = neighbour, Status = LicenseStatus.Active, ExpiresOn = horizonEnd.AddDays(30 + _random.Next(700)) },
        };
        return [home, second];
    }

    // Working days and hourly slots; one provider in eight works part time, one in twenty takes a day off in the horizon.
    private List<TimeRange> Schedule(out IReadOnlyList<UnavailabilityPeriod> unavailability)
    {
        DayOfWeek[] workdays = IsDeparting || _random.NextDouble() >= 0.125
            ? Weekdays
            : _random.Next(2) == 0 ? [DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday] : [DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday];
        var firstHour = IsDeparting ? 8 : 7 + _random.Next(3);
        DateOnly? dayOff = null;
        if (!IsDeparting && _random.NextDouble() < 0.05)
        {
            dayOff = _spec.StartDate.AddDays(_random.Next(_spec.Days));
        }

        var slots = new List<TimeRange>();
        for (var d = 0; d < _spec.Days; d++)
        {
            var day = _spec.StartDate.AddDays(d);
            if (!workdays.Contains(day.DayOfWeek) || day == dayOff)
            {
                continue;
            }

            for (var (hour, count) = (firstHour, 0); count < SlotsPerDay; hour++)
            {
                if (hour == LunchHour)
                {
                    continue;
                }

                var start = At(day, new TimeOnly(hour, 0));
                slots.Add(new TimeRange { Start = start, End = start + VisitLength });
                count++;
            }
        }

        unavailability = dayOff is { } off
            ? [new UnavailabilityPeriod { Start = At(off, TimeOnly.MinValue), End = At(off.AddDays(1), TimeOnly.MinValue), Reason = "vacation" }]
            : [];
        return slots;
    }

    private PatientPlan Patient(int patientNumber, ProviderProfile provider)
    {
        var id = ClinicNetworkGenerator.PatientId(patientNumber);
        // A provider licensed across the border sees some patients who live there.
        var neighbourLicense = provider.Licenses.FirstOrDefault(l => l.State != _clinic.State && l.Status == LicenseStatus.Active);
        var state = neighbourLicense is not null && _random.NextDouble() < 0.2 ? neighbourLicense.State : _clinic.State;
        var distance = 1 + (17 * Math.Pow(_random.NextDouble(), 1.5));
        var home = NetworkGeography.Offset(_clinic.Location, distance, _random.NextDouble() * 360);

        var visitsPerWeek = Draw(_random.NextDouble(), (0.60, 1), (0.95, 2), (1, 3));
        var weeks = (_spec.Days + DaysPerWeek - 1) / DaysPerWeek;
        var needed = visitsPerWeek * weeks;
        var authorized = Math.Max(needed + 2, 8 + _random.Next(17));
        var used = _random.NextDouble() < 0.02 ? authorized : _random.Next(authorized - needed + 1);
        var horizonEnd = _spec.StartDate.AddDays(_spec.Days);
        var focus = provider.Specialties[_random.Next(provider.Specialties.Count)];
        var plan = new PlanOfCare
        {
            Discipline = _discipline,
            FocusSpecialties = [focus],
            VisitsAuthorized = authorized,
            VisitsUsed = used,
            ExpiresOn = _random.NextDouble() < 0.05 && _spec.Days > 2
                ? _spec.StartDate.AddDays(2 + _random.Next(_spec.Days - 2))
                : horizonEnd.AddDays(7 + _random.Next(84)),
            CertifyingProviderId = _random.NextDouble() < 0.02 ? string.Empty : _providerId,
        };

        var history = new List<ProviderHistoryEntry>();
        var earlierVisits = 0;
        var colleagues = _layout.ColleaguesOf(_number);
        if (colleagues.Count > 0 && _random.NextDouble() < 0.3)
        {
            earlierVisits = 1 + _random.Next(6);
            history.Add(new ProviderHistoryEntry
            {
                ProviderId = ClinicNetworkGenerator.ProviderId(colleagues[_random.Next(colleagues.Count)]),
                Visits = earlierVisits,
                LastVisit = At(_spec.StartDate.AddDays(-30 - _random.Next(270)), new TimeOnly(9 + _random.Next(7), 0)),
            });
        }

        if (used > 0)
        {
            history.Add(new ProviderHistoryEntry
            {
                ProviderId = _providerId,
                Visits = used,
                LastVisit = At(_spec.StartDate.AddDays(-1 - _random.Next(7)), new TimeOnly(9 + _random.Next(7), 0)),
            });
        }

        var total = used + earlierVisits + _random.Next(4);
        var noShows = Math.Min(total, Draw(_random.NextDouble(), (0.82, 0), (0.95, 1), (1, 2 + _random.Next(3))));
        var channel = Draw(_random.NextDouble(), (0.40, NotificationChannel.Outbox), (0.70, NotificationChannel.Email), (0.92, NotificationChannel.Sms), (1, NotificationChannel.Ivr));
        var profile = new PatientProfile
        {
            Id = id,
            State = state,
            Home = home,
            Contact = Contact(channel, id, patientNumber),
            Preferences = Preferences(provider, distance),
            CoveragePayerId = Coverage(provider),
            PlanOfCare = plan,
            ProviderHistory = history,
            NoShowCount = noShows,
            TotalAppointments = total,
        };
        var priority = Draw(_random.NextDouble(), (0.85, ClinicalPriority.Routine), (0.97, ClinicalPriority.Elevated), (1, ClinicalPriority.Urgent));
        return new PatientPlan(profile, visitsPerWeek, _random.NextDouble() < 0.25 ? focus : null, priority);
    }

    private PatientPreferences Preferences(ProviderProfile provider, double distanceToClinicKm)
    {
        var spoken = provider.Languages.Where(static l => l != NetworkCatalog.English).ToList();
        string? language = null;
        if (spoken.Count > 0 && _random.NextDouble() < 0.5)
        {
            language = spoken[_random.Next(spoken.Count)];
        }
        else if (_random.NextDouble() < 0.1)
        {
            language = NetworkCatalog.English;
        }

        return new PatientPreferences
        {
            PreferredGender = _random.NextDouble() < 0.15 ? (_random.NextDouble() < 0.75 ? AdministrativeGender.Female : AdministrativeGender.Male) : null,
            PreferredDays = _random.NextDouble() < 0.3 ? [.. Pick(Weekdays, 2 + _random.Next(2)).Order()] : [],
            PreferredTimes = _random.NextDouble() < 0.4 ? [TimeWindows[_random.Next(TimeWindows.Length)]] : [],
            // The patient's own clinic is always within reach; the limit decides which other clinics are.
            MaxTravelDistanceKm = _random.NextDouble() < 0.6 ? Math.Round(Math.Max(distanceToClinicKm + 2, 5 + (35 * _random.NextDouble())), 1) : null,
            Language = language,
        };
    }

    private string? Coverage(ProviderProfile provider)
    {
        if (_random.NextDouble() < 0.05)
        {
            return null;
        }

        var payable = provider.AcceptedPayers.Where(p => NetworkCatalog.Covers(p, _discipline)).ToList();
        return payable.Count > 0 ? payable[_random.Next(payable.Count)] : null;
    }

    // Addresses that can reach nobody: the reserved example.org domain and the fictional 555-01xx telephone range. Outbox
    // patients get no contact at all, as when the clinic has none on file.
    // 555-0100 to 555-0199 are the fictional numbers of every area code, so the area code varies to keep each patient's
    // number their own: an SMS reply is matched to its offer by the number it comes from.
    private static string FictionalPhone(int patientNumber) =>
        string.Create(CultureInfo.InvariantCulture, $"+1{FirstAreaCode + ((FirstAreaCodeOffset + (patientNumber / FictionalNumbersPerAreaCode)) % AreaCodes)}55501{patientNumber % FictionalNumbersPerAreaCode:D2}");

    private PatientContact? Contact(NotificationChannel channel, string patientId, int patientNumber) => channel switch
    {
        NotificationChannel.Outbox => null,
        _ => new PatientContact
        {
            PreferredChannel = channel,
            DisplayName = FakeNames.Person(_random),
            Email = channel == NotificationChannel.Email || _random.NextDouble() < 0.3 ? $"{patientId.ToLowerInvariant()}@example.org" : null,
            Phone = channel != NotificationChannel.Email || _random.NextDouble() < 0.5 ? FictionalPhone(patientNumber) : null,
        },
    };

    // Week by week, each patient gets their weekly visits on distinct days, preferred days and times first, as long as
    // the day stays under the provider's booking limit; a reserve of capacity stays free for rescheduling.
    private List<(TimeRange Slot, PatientPlan Plan)> Book(List<TimeRange> schedule, List<PatientPlan> patients, int dailyCapacity)
    {
        var byDay = schedule.GroupBy(static s => ProviderCalendar.DayOf(s.Start)).ToDictionary(static g => g.Key, static g => g.ToList());
        var limit = byDay.Keys.ToDictionary(
            static d => d,
            d => IsDeparting ? DepartingProviderDailyBookings : dailyCapacity - Draw(_random.NextDouble(), (0.25, 1), (0.75, 2), (1, 3)));
        var taken = new HashSet<TimeRange>();
        var booked = new List<(TimeRange, PatientPlan)>();
        var weeks = (_spec.Days + DaysPerWeek - 1) / DaysPerWeek;
        for (var week = 0; week < weeks; week++)
        {
            var days = byDay.Keys.Where(d => d.DayNumber - _spec.StartDate.DayNumber >= week * DaysPerWeek
                && d.DayNumber - _spec.StartDate.DayNumber < (week + 1) * DaysPerWeek).Order().ToList();
            foreach (var plan in Shuffle(patients))
            {
                var used = new HashSet<DateOnly>();
                for (var visit = 0; visit < plan.VisitsPerWeek; visit++)
                {
                    var slot = PickSlot(days, byDay, limit, taken, used, plan.Profile.Preferences);
                    if (slot is null)
                    {
                        plan.Missing++;
                        continue;
                    }

                    taken.Add(slot);
                    used.Add(ProviderCalendar.DayOf(slot.Start));
                    booked.Add((slot, plan));
                }
            }
        }

        return booked;
    }

    private TimeRange? PickSlot(
        List<DateOnly> days,
        Dictionary<DateOnly, List<TimeRange>> byDay,
        Dictionary<DateOnly, int> limit,
        HashSet<TimeRange> taken,
        HashSet<DateOnly> usedDays,
        PatientPreferences preferences)
    {
        var open = days
            .Where(d => !usedDays.Contains(d) && byDay[d].Count(taken.Contains) < limit[d])
            .OrderBy(d => preferences.PreferredDays.Count == 0 || preferences.PreferredDays.Contains(d.DayOfWeek) ? 0 : 1)
            .ThenBy(_ => _random.Next())
            .ToList();
        foreach (var day in open)
        {
            var free = byDay[day].Where(s => !taken.Contains(s)).ToList();
            var preferred = free.Where(s => InPreferredTimes(s, preferences)).ToList();
            var choices = preferred.Count > 0 ? preferred : free;
            if (choices.Count > 0)
            {
                return choices[_random.Next(choices.Count)];
            }
        }

        return null;
    }

    private static bool InPreferredTimes(TimeRange slot, PatientPreferences preferences)
    {
        if (preferences.PreferredTimes.Count == 0)
        {
            return true;
        }

        var start = TimeOnly.FromDateTime(slot.Start.DateTime);
        var end = TimeOnly.FromDateTime(slot.End.DateTime);
        return preferences.PreferredTimes.Any(w => w.From <= start && end <= w.To);
    }

    private DateTimeOffset At(DateOnly day, TimeOnly time) => new(day.ToDateTime(time), _spec.UtcOffset);

    private List<T> Pick<T>(IReadOnlyList<T> items, int count) => [.. Shuffle(items).Take(Math.Min(count, items.Count))];

    private List<T> Shuffle<T>(IReadOnlyList<T> items)
    {
        var copy = items.ToArray();
        _random.Shuffle(copy);
        return [.. copy];
    }

    private static T Draw<T>(double roll, params (double Below, T Value)[] table)
    {
        foreach (var (below, value) in table)
        {
            if (roll < below)
            {
                return value;
            }
        }

        return table[^1].Value;
    }

    /// <summary>A patient while their visits are being booked.</summary>
    private sealed class PatientPlan(PatientProfile profile, int visitsPerWeek, string? requiredSpecialty, ClinicalPriority priority)
    {
        public PatientProfile Profile { get; } = profile;

        public int VisitsPerWeek { get; } = visitsPerWeek;

        public string? RequiredSpecialty { get; } = requiredSpecialty;

        /// <summary>How urgent the patient's visits are; the same for all of them.</summary>
        public ClinicalPriority Priority { get; } = priority;

        /// <summary>Weekly visits the schedule had no room for: the patient waits for them.</summary>
        public int Missing { get; set; }
    }
}
