using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>
/// Stage 3a of rescheduling: the six weighted factors. Each factor is a value in 0..1 and the score is
/// Σ weight × factor, so a weight reads as "points for a perfect fit" and the breakdown explains every point.
/// Scoring runs only on candidates that passed the hard filters; a factor never re-decides feasibility.
/// </summary>
public static class CandidateScorer
{
    /// <summary>The score of one candidate with its per-factor breakdown, in <see cref="ScoringFactor"/> order.</summary>
    public static CandidateScore Score(
        Appointment appointment, PatientProfile patient, ProviderProfile provider, CandidateSlot slot, SchedulingKnowledge knowledge)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return Score(appointment, patient, new ProviderCalendar(provider), slot, knowledge);
    }

    /// <summary>
    /// Scores the accepted slots of one appointment and ranks them best first (ties: provider id, then start, so the
    /// order is the same on every run). Slots of providers not in <paramref name="providers"/> are an error of the caller.
    /// </summary>
    public static IReadOnlyList<ScoredCandidate> Rank(
        Appointment appointment, PatientProfile patient, IReadOnlyList<CandidateSlot> accepted,
        IReadOnlyDictionary<string, ProviderProfile> providers, SchedulingKnowledge knowledge)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        ArgumentNullException.ThrowIfNull(providers);
        var calendars = new Dictionary<string, ProviderCalendar>(StringComparer.Ordinal);
        foreach (var slot in accepted)
        {
            if (!calendars.ContainsKey(slot.ProviderId))
            {
                calendars[slot.ProviderId] = new ProviderCalendar(providers[slot.ProviderId]);
            }
        }

        return Rank(appointment, patient, accepted, calendars, knowledge);
    }

    internal static IReadOnlyList<ScoredCandidate> Rank(
        Appointment appointment, PatientProfile patient, IReadOnlyList<CandidateSlot> accepted,
        IReadOnlyDictionary<string, ProviderCalendar> calendars, SchedulingKnowledge knowledge)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        var scored = new List<ScoredCandidate>(accepted.Count);
        foreach (var slot in accepted)
        {
            scored.Add(new ScoredCandidate
            {
                AppointmentId = appointment.Id,
                Slot = slot,
                Score = Score(appointment, patient, calendars[slot.ProviderId], slot, knowledge),
            });
        }

        scored.Sort(BestFirst);
        return scored;
    }

    /// <summary>Higher score first; then provider id and start, so that equal scores always rank the same way.</summary>
    public static int BestFirst(ScoredCandidate? x, ScoredCandidate? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? 1 : -1;
        }

        var byScore = y.Score.Total.CompareTo(x.Score.Total);
        if (byScore != 0)
        {
            return byScore;
        }

        var byProvider = string.CompareOrdinal(x.Slot.ProviderId, y.Slot.ProviderId);
        return byProvider != 0 ? byProvider : x.Slot.Start.CompareTo(y.Slot.Start);
    }

    internal static CandidateScore Score(
        Appointment appointment, PatientProfile patient, ProviderCalendar calendar, CandidateSlot slot, SchedulingKnowledge knowledge)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(knowledge);
        var provider = calendar.Provider;
        var weights = knowledge.Weights;
        var calibration = knowledge.Calibration;
        var factors = new FactorScore[]
        {
            Factor(ScoringFactor.Continuity, weights.Continuity, Continuity(appointment, patient, provider, slot, calibration)),
            Factor(ScoringFactor.SpecialtyMatch, weights.SpecialtyMatch, SpecialtyMatch(appointment, patient, provider)),
            Factor(ScoringFactor.PatientPreference, weights.PatientPreference, PatientPreference(patient, provider, knowledge.Thresholds)),
            Factor(ScoringFactor.LoadBalance, weights.LoadBalance, LoadBalance(provider.DailyCapacity, calendar.BookedOn(ProviderCalendar.DayOf(slot.Start)))),
            Factor(ScoringFactor.Experience, weights.Experience, Experience(provider, calibration)),
            Factor(ScoringFactor.DayTime, weights.DayTime, DayTime(appointment, patient, slot, calibration)),
        };
        var total = 0.0;
        foreach (var factor in factors)
        {
            total += factor.Contribution;
        }

        return new CandidateScore { Total = total, Factors = factors };
    }

    /// <summary>
    /// Continuity of care, 0..1. A provider the patient has seen earns
    /// <c>(floor + (1 − floor) · v / (v + k)) · 2^(−days / halfLife)</c> for v visits, the last one <c>days</c> before
    /// the slot: any shared history is worth the floor at once (the patient need not retell their story), more visits
    /// add with diminishing returns (the tenth visit adds less than the second), and the credit fades as the
    /// relationship goes stale. A provider at the clinic the patient already attends earns a smaller fixed credit
    /// (same front desk, same records, same route); the larger of the two counts.
    /// </summary>
    public static double Continuity(Appointment appointment, PatientProfile patient, ProviderProfile provider, CandidateSlot slot, ScoringCalibration calibration)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(calibration);
        var providerCredit = 0.0;
        foreach (var entry in patient.ProviderHistory)
        {
            if (entry.Visits > 0 && string.Equals(entry.ProviderId, provider.Id, StringComparison.Ordinal))
            {
                var familiarity = calibration.ContinuityFloor
                    + ((1 - calibration.ContinuityFloor) * entry.Visits / (entry.Visits + calibration.ContinuityHalfSaturationVisits));
                var days = Math.Max(0, (slot.Start - entry.LastVisit).TotalDays);
                providerCredit = Math.Max(providerCredit, familiarity * HalfLifeDecay(days, calibration.ContinuityHalfLifeDays));
            }
        }

        var clinicCredit = string.Equals(provider.ClinicId, appointment.ClinicId, StringComparison.Ordinal) ? calibration.SameClinicContinuity : 0;
        return Unit(Math.Max(providerCredit, clinicCredit));
    }

    /// <summary>
    /// Specialty match, 0..1: the share of the specialties the treatment calls for (the visit's required specialty and
    /// the focus of the plan of care in the visit's discipline) that the provider has. A share rather than all-or-nothing
    /// because a provider covering two of three focus areas is a better fit than one covering none; when the treatment
    /// names no specialty, the discipline (a hard filter) is all that is asked and every candidate scores 1.
    /// </summary>
    public static double SpecialtyMatch(Appointment appointment, PatientProfile patient, ProviderProfile provider)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(provider);
        var wanted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(appointment.RequiredSpecialty))
        {
            wanted.Add(appointment.RequiredSpecialty);
        }

        if (patient.PlanOfCare is { } plan && string.Equals(plan.Discipline, appointment.Discipline, StringComparison.OrdinalIgnoreCase))
        {
            wanted.UnionWith(plan.FocusSpecialties);
        }

        if (wanted.Count == 0)
        {
            return 1;
        }

        var covered = 0;
        foreach (var specialty in wanted)
        {
            if (provider.Specialties.Contains(specialty, StringComparer.OrdinalIgnoreCase))
            {
                covered++;
            }
        }

        return (double)covered / wanted.Count;
    }

    /// <summary>
    /// Patient preference, 0..1: the mean of the preferences the patient expressed — gender (1 if the provider's
    /// matches), language (1 if the provider treats in it) and travel comfort (1 − distance / travel limit, so the
    /// nearest clinic is best and one at the limit earns nothing). A mean so each expressed wish counts equally and an
    /// unexpressed one cannot drag a candidate down; with nothing expressed every candidate scores 1.
    /// </summary>
    public static double PatientPreference(PatientProfile patient, ProviderProfile provider, GuardrailThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(thresholds);
        var preferences = patient.Preferences;
        var sum = 0.0;
        var expressed = 0;
        if (preferences.PreferredGender is { } gender)
        {
            sum += provider.Gender == gender ? 1 : 0;
            expressed++;
        }

        if (!string.IsNullOrEmpty(preferences.Language))
        {
            sum += provider.Languages.Contains(preferences.Language, StringComparer.OrdinalIgnoreCase) ? 1 : 0;
            expressed++;
        }

        if (patient.Home is not null)
        {
            var limit = CandidateFilter.MaxTravelKm(patient, thresholds);
            sum += limit > 0 ? Unit(1 - (GeoDistance.Km(patient.Home, provider.Location) / limit)) : 0;
            expressed++;
        }

        return expressed == 0 ? 1 : sum / expressed;
    }

    /// <summary>
    /// Load balance, 0..1: <c>1 − booked / capacity</c> for the provider's appointments already booked that day. Linear
    /// so that every appointment moved from a busy to a quiet colleague is worth the same, which spreads a departing
    /// provider's patients instead of piling them on whoever is best on the other factors; a provider with no
    /// capacity scores 0. The count is the one before this trigger's assignment — the assignment itself enforces the
    /// capacity exactly.
    /// </summary>
    public static double LoadBalance(int dailyCapacity, int bookedThatDay)
        => dailyCapacity <= 0 ? 0 : Unit(1 - ((double)bookedThatDay / dailyCapacity));

    /// <summary>
    /// Experience, 0..1: <c>1 − 2^(−years / halfLife)</c>. Saturating because the difference between a new graduate
    /// and a clinician of four years is large while that between fifteen and twenty years is small; each half-life of
    /// practice halves the remaining gap to full credit.
    /// </summary>
    public static double Experience(ProviderProfile provider, ScoringCalibration calibration)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(calibration);
        return provider.YearsOfExperience <= 0 ? 0 : Unit(1 - HalfLifeDecay(provider.YearsOfExperience, calibration.ExperienceHalfLifeYears));
    }

    /// <summary>
    /// Day and time, 0..1: the mean of a day component (1 if the slot's weekday is a preferred one) and a time
    /// component (1 inside a preferred window, halving for every half-life of hours outside the nearest one). Without
    /// stated windows, the original appointment's start time stands in as the preference: the patient arranged their
    /// day around it. The time credit decays rather than drops to 0 because 12:15 against a 08:00–12:00 window is
    /// nearly as good, 17:00 is not. Without stated days, every day is acceptable.
    /// </summary>
    public static double DayTime(Appointment appointment, PatientProfile patient, CandidateSlot slot, ScoringCalibration calibration)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(calibration);
        var preferences = patient.Preferences;
        var day = preferences.PreferredDays.Count == 0 || preferences.PreferredDays.Contains(slot.Start.DayOfWeek) ? 1.0 : 0.0;

        var time = TimeOnly.FromTimeSpan(slot.Start.TimeOfDay);
        double hoursOutside;
        if (preferences.PreferredTimes.Count == 0)
        {
            var original = TimeOnly.FromTimeSpan(appointment.Start.TimeOfDay);
            hoursOutside = HoursOutside(time, original, original);
        }
        else
        {
            hoursOutside = double.MaxValue;
            foreach (var window in preferences.PreferredTimes)
            {
                hoursOutside = Math.Min(hoursOutside, HoursOutside(time, window.From, window.To));
            }
        }

        var timeCredit = HalfLifeDecay(hoursOutside, calibration.TimeOfDayHalfLifeHours);
        return Unit((day + timeCredit) / 2);
    }

    private static double HoursOutside(TimeOnly time, TimeOnly from, TimeOnly to)
    {
        if (time < from)
        {
            return (from - time).TotalHours;
        }

        return time > to ? (time - to).TotalHours : 0;
    }

    /// <summary><c>2^(−x / halfLife)</c>; a non-positive half-life means the credit is gone at once.</summary>
    private static double HalfLifeDecay(double x, double halfLife)
    {
        if (x <= 0)
        {
            return 1;
        }

        return halfLife <= 0 ? 0 : Math.Pow(2, -x / halfLife);
    }

    private static double Unit(double value) => Math.Clamp(value, 0, 1);

    private static FactorScore Factor(ScoringFactor factor, double weight, double value)
        => new() { Factor = factor, Value = value, Weight = weight, Contribution = weight * value };
}
