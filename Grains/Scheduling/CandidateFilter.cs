using Reroute.Interfaces.Scheduling;
using static System.FormattableString;

namespace Reroute.Grains.Scheduling;

/// <summary>
/// Stage 2 of rescheduling: the eight hard filters. A candidate is one (appointment, patient, provider, slot); it is
/// offered only if every filter passes, and a rejection names the first filter that failed with a reason that carries
/// ids, dates and counts but never PHI (no names, no addresses).
/// </summary>
/// <remarks>
/// Filters that depend only on the provider (specialty, location, payer rules, geographic restrictions) run before
/// those that depend on the slot (availability, plan of care, license status, capacity), so that one rejection can
/// stand for all of a provider's slots; the order of <see cref="EvaluationOrder"/> is the order everywhere.
/// <list type="bullet">
/// <item>Location is about travel: the clinic must be within the patient's travel limit (never above the tenant's).</item>
/// <item>Geographic restrictions are about jurisdiction: the clinic's state must be allowed by the tenant, the payer
/// and, if the tenant requires it, be the patient's own state.</item>
/// </list>
/// </remarks>
public static class CandidateFilter
{
    /// <summary>The order filters run in: provider-level first, then slot-level.</summary>
    public static IReadOnlyList<HardFilter> EvaluationOrder { get; } =
    [
        HardFilter.Specialty, HardFilter.Location, HardFilter.PayerRules, HardFilter.GeographicRestrictions,
        HardFilter.Availability, HardFilter.PlanOfCare, HardFilter.LicenseStatus, HardFilter.Capacity,
    ];

    private const int ProviderLevelFilters = 4;

    /// <summary>The stable name of a filter, as recorded in rejections and audit entries.</summary>
    public static string NameOf(HardFilter filter) => filter switch
    {
        HardFilter.Specialty => "specialty",
        HardFilter.Location => "location",
        HardFilter.Availability => "availability",
        HardFilter.PayerRules => "payer_rules",
        HardFilter.PlanOfCare => "plan_of_care",
        HardFilter.LicenseStatus => "license_status",
        HardFilter.Capacity => "capacity",
        HardFilter.GeographicRestrictions => "geographic_restrictions",
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "not a hard filter"),
    };

    /// <summary>The provider's bookable slots as candidates.</summary>
    public static IEnumerable<CandidateSlot> SlotsOf(ProviderProfile provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return provider.BookableSlots.Select(slot => new CandidateSlot
        {
            ProviderId = provider.Id,
            Start = slot.Start,
            End = slot.End,
            ClinicId = provider.ClinicId,
        });
    }

    /// <summary>One filter on one candidate: null when it passes, else the rejection.</summary>
    public static FilterRejection? Check(
        HardFilter filter, Appointment appointment, PatientProfile patient, ProviderProfile provider, CandidateSlot slot,
        SchedulingKnowledge knowledge, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        ArgumentNullException.ThrowIfNull(slot);
        var reason = ReasonFor(filter, appointment, patient, new ProviderCalendar(provider), slot, knowledge, now);
        return reason is null ? null : Reject(filter, appointment.Id, provider.Id, slot.Start, reason);
    }

    /// <summary>All eight filters on one candidate, in <see cref="EvaluationOrder"/>: null when it passes, else the first rejection.</summary>
    public static FilterRejection? Evaluate(
        Appointment appointment, PatientProfile patient, ProviderProfile provider, CandidateSlot slot,
        SchedulingKnowledge knowledge, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        ArgumentNullException.ThrowIfNull(slot);
        var calendar = new ProviderCalendar(provider);
        foreach (var filter in EvaluationOrder)
        {
            if (ReasonFor(filter, appointment, patient, calendar, slot, knowledge, now) is { } reason)
            {
                return Reject(filter, appointment.Id, provider.Id, slot.Start, reason);
            }
        }

        return null;
    }

    /// <summary>
    /// Every bookable slot of every provider for one appointment: the slots that pass all filters, and a rejection for
    /// each that does not (one per provider, without a slot, when a provider-level filter fails).
    /// </summary>
    public static CandidateFilterResult FilterCandidates(
        Appointment appointment, PatientProfile patient, IReadOnlyList<ProviderProfile> providers,
        SchedulingKnowledge knowledge, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(providers);
        return FilterCandidates(appointment, patient, providers.Select(static p => new ProviderCalendar(p)).ToList(), knowledge, now);
    }

    /// <summary>
    /// <see cref="FilterCandidates(Appointment, PatientProfile, IReadOnlyList{ProviderProfile}, SchedulingKnowledge, DateTimeOffset)"/>
    /// for all appointments of a trigger, reading each provider's calendar once. Patients are looked up by id; an
    /// appointment whose patient is missing is an error of the caller.
    /// </summary>
    public static IReadOnlyList<CandidateFilterResult> FilterAll(
        IReadOnlyList<Appointment> appointments, IReadOnlyDictionary<string, PatientProfile> patients,
        IReadOnlyList<ProviderProfile> providers, SchedulingKnowledge knowledge, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(appointments);
        ArgumentNullException.ThrowIfNull(patients);
        ArgumentNullException.ThrowIfNull(providers);
        var calendars = providers.Select(static p => new ProviderCalendar(p)).ToList();
        var results = new CandidateFilterResult[appointments.Count];
        for (var i = 0; i < appointments.Count; i++)
        {
            var appointment = appointments[i];
            if (!patients.TryGetValue(appointment.PatientId, out var patient))
            {
                throw new KeyNotFoundException(Invariant($"patient {appointment.PatientId} of appointment {appointment.Id} was not given"));
            }

            results[i] = FilterCandidates(appointment, patient, calendars, knowledge, now);
        }

        return results;
    }

    internal static CandidateFilterResult FilterCandidates(
        Appointment appointment, PatientProfile patient, IReadOnlyList<ProviderCalendar> calendars,
        SchedulingKnowledge knowledge, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(knowledge);
        var accepted = new List<CandidateSlot>();
        var rejections = new List<FilterRejection>();
        foreach (var calendar in calendars)
        {
            var provider = calendar.Provider;
            if (provider.BookableSlots.Count == 0)
            {
                continue;
            }

            var providerRejection = FirstFailure(0, ProviderLevelFilters, appointment, patient, calendar, slot: null, knowledge, now);
            if (providerRejection is { } failed)
            {
                rejections.Add(Reject(failed.Filter, appointment.Id, provider.Id, slotStart: null, failed.Reason));
                continue;
            }

            foreach (var slot in SlotsOf(provider))
            {
                var slotRejection = FirstFailure(ProviderLevelFilters, EvaluationOrder.Count, appointment, patient, calendar, slot, knowledge, now);
                if (slotRejection is { } failedSlot)
                {
                    rejections.Add(Reject(failedSlot.Filter, appointment.Id, provider.Id, slot.Start, failedSlot.Reason));
                }
                else
                {
                    accepted.Add(slot);
                }
            }
        }

        return new CandidateFilterResult { AppointmentId = appointment.Id, Accepted = accepted, Rejections = rejections };
    }

    private static (HardFilter Filter, string Reason)? FirstFailure(
        int from, int to, Appointment appointment, PatientProfile patient, ProviderCalendar calendar, CandidateSlot? slot,
        SchedulingKnowledge knowledge, DateTimeOffset now)
    {
        for (var i = from; i < to; i++)
        {
            var filter = EvaluationOrder[i];
            if (ReasonFor(filter, appointment, patient, calendar, slot, knowledge, now) is { } reason)
            {
                return (filter, reason);
            }
        }

        return null;
    }

    /// <summary>The reason a filter fails, or null. Provider-level filters ignore <paramref name="slot"/>.</summary>
    internal static string? ReasonFor(
        HardFilter filter, Appointment appointment, PatientProfile patient, ProviderCalendar calendar, CandidateSlot? slot,
        SchedulingKnowledge knowledge, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(knowledge);
        return filter switch
        {
            HardFilter.Specialty => SpecialtyReason(appointment, calendar.Provider),
            HardFilter.Location => LocationReason(patient, calendar.Provider, knowledge.Thresholds),
            HardFilter.PayerRules => PayerReason(appointment, patient, calendar.Provider, knowledge.PayerRules),
            HardFilter.GeographicRestrictions => GeographicReason(patient, calendar.Provider, knowledge),
            HardFilter.Availability => AvailabilityReason(appointment, calendar, Required(slot), knowledge.Thresholds, now),
            HardFilter.PlanOfCare => PlanOfCareReason(appointment, patient, Required(slot), knowledge.Compliance),
            HardFilter.LicenseStatus => LicenseReason(patient, calendar.Provider, Required(slot), knowledge.Compliance),
            HardFilter.Capacity => CapacityReason(calendar, Required(slot)),
            _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "not a hard filter"),
        };
    }

    /// <summary>The farthest this patient may be sent: their own limit, never above the tenant's.</summary>
    internal static double MaxTravelKm(PatientProfile patient, GuardrailThresholds thresholds)
        => Math.Min(patient.Preferences.MaxTravelDistanceKm ?? thresholds.MaxDistanceKm, thresholds.MaxDistanceKm);

    private static CandidateSlot Required(CandidateSlot? slot)
        => slot ?? throw new ArgumentNullException(nameof(slot), "a slot-level filter needs a slot");

    private static FilterRejection Reject(HardFilter filter, string appointmentId, string providerId, DateTimeOffset? slotStart, string reason)
        => new()
        {
            AppointmentId = appointmentId,
            ProviderId = providerId,
            SlotStart = slotStart,
            Filter = filter,
            FilterName = NameOf(filter),
            Reason = reason,
        };

    private static string? SpecialtyReason(Appointment appointment, ProviderProfile provider)
    {
        if (!string.Equals(provider.Discipline, appointment.Discipline, StringComparison.OrdinalIgnoreCase))
        {
            return Invariant($"provider {provider.Id} practises {provider.Discipline}, the visit needs {appointment.Discipline}");
        }

        if (!string.IsNullOrEmpty(appointment.RequiredSpecialty)
            && !provider.Specialties.Contains(appointment.RequiredSpecialty, StringComparer.OrdinalIgnoreCase))
        {
            return Invariant($"provider {provider.Id} lacks the required specialty {appointment.RequiredSpecialty}");
        }

        return null;
    }

    private static string? LocationReason(PatientProfile patient, ProviderProfile provider, GuardrailThresholds thresholds)
    {
        if (patient.Home is null)
        {
            // Nothing to measure from: a missing address must not cost the patient every candidate.
            return null;
        }

        var km = GeoDistance.Km(patient.Home, provider.Location);
        var limit = MaxTravelKm(patient, thresholds);
        return km > limit
            ? Invariant($"clinic {provider.ClinicId} is {km:F1} km away, beyond the {limit:F1} km travel limit of patient {patient.Id}")
            : null;
    }

    private static string? PayerReason(Appointment appointment, PatientProfile patient, ProviderProfile provider, IReadOnlyList<PayerRule> rules)
    {
        var payer = patient.CoveragePayerId;
        if (string.IsNullOrEmpty(payer))
        {
            return null;
        }

        var rule = FindRule(rules, payer);
        if (rule is not null && rule.AcceptedDisciplines.Count > 0
            && !rule.AcceptedDisciplines.Contains(appointment.Discipline, StringComparer.OrdinalIgnoreCase))
        {
            return Invariant($"payer {payer} does not cover {appointment.Discipline}");
        }

        // A payer nobody has described is treated as the common case: in network only.
        var inNetworkRequired = rule?.RequiresInNetwork ?? true;
        if (inNetworkRequired && !provider.AcceptedPayers.Contains(payer, StringComparer.OrdinalIgnoreCase))
        {
            return Invariant($"provider {provider.Id} is not in network with payer {payer}");
        }

        return null;
    }

    private static string? GeographicReason(PatientProfile patient, ProviderProfile provider, SchedulingKnowledge knowledge)
    {
        var careState = provider.State;
        var allowed = knowledge.Compliance.AllowedCareStates;
        if (allowed.Count > 0 && !allowed.Contains(careState, StringComparer.OrdinalIgnoreCase))
        {
            return Invariant($"clinic {provider.ClinicId} is in {careState}, where the tenant does not deliver care");
        }

        if (!string.IsNullOrEmpty(patient.CoveragePayerId) && FindRule(knowledge.PayerRules, patient.CoveragePayerId) is { AllowedStates.Count: > 0 } rule
            && !rule.AllowedStates.Contains(careState, StringComparer.OrdinalIgnoreCase))
        {
            return Invariant($"payer {rule.PayerId} does not cover care in {careState}");
        }

        if (knowledge.Compliance.RequireCareInPatientState && !string.Equals(careState, patient.State, StringComparison.OrdinalIgnoreCase))
        {
            return Invariant($"clinic {provider.ClinicId} is in {careState}, outside the state of patient {patient.Id}");
        }

        return null;
    }

    private static string? AvailabilityReason(
        Appointment appointment, ProviderCalendar calendar, CandidateSlot slot, GuardrailThresholds thresholds, DateTimeOffset now)
    {
        var provider = calendar.Provider;
        var at = Invariant($"{slot.Start:yyyy-MM-dd'T'HH:mmzzz}");
        if (!string.Equals(slot.ProviderId, provider.Id, StringComparison.Ordinal))
        {
            return Invariant($"slot {at} belongs to provider {slot.ProviderId}, not {provider.Id}");
        }

        if (slot.End <= slot.Start)
        {
            return Invariant($"slot {at} of provider {provider.Id} ends before it starts");
        }

        if (slot.End - slot.Start < appointment.End - appointment.Start)
        {
            return Invariant($"slot {at} of provider {provider.Id} is shorter than the visit ({(appointment.End - appointment.Start).TotalMinutes:F0} min)");
        }

        if (slot.Start < now + thresholds.MinimumNotice)
        {
            return Invariant($"slot {at} of provider {provider.Id} gives less than {thresholds.MinimumNotice.TotalHours:F1} h notice");
        }

        if (slot.Start > appointment.Start + thresholds.MaxRescheduleDelay)
        {
            return Invariant($"slot {at} of provider {provider.Id} is more than {thresholds.MaxRescheduleDelay.TotalDays:F0} days after the original visit");
        }

        if (!calendar.IsWithinBookableSlot(slot.Start, slot.End))
        {
            return Invariant($"slot {at} is not open on the schedule of provider {provider.Id}");
        }

        if (calendar.UnavailableDuring(slot.Start, slot.End) is { } away)
        {
            return Invariant($"provider {provider.Id} is unavailable at {at} ({away.Reason})");
        }

        if (calendar.IsBookedDuring(slot.Start, slot.End))
        {
            return Invariant($"provider {provider.Id} is already booked at {at}");
        }

        return null;
    }

    private static string? PlanOfCareReason(Appointment appointment, PatientProfile patient, CandidateSlot slot, ComplianceRules rules)
    {
        if (!rules.RequirePlanOfCare)
        {
            return null;
        }

        var plan = patient.PlanOfCare;
        if (plan is null)
        {
            return Invariant($"patient {patient.Id} has no plan of care");
        }

        if (!string.Equals(plan.Discipline, appointment.Discipline, StringComparison.OrdinalIgnoreCase))
        {
            return Invariant($"the plan of care of patient {patient.Id} covers {plan.Discipline}, not {appointment.Discipline}");
        }

        if (plan.VisitsUsed >= plan.VisitsAuthorized)
        {
            return Invariant($"the plan of care of patient {patient.Id} has no visits left ({plan.VisitsUsed} of {plan.VisitsAuthorized} used)");
        }

        if (ProviderCalendar.DayOf(slot.Start) > plan.ExpiresOn)
        {
            return Invariant($"the plan of care of patient {patient.Id} expires {plan.ExpiresOn:yyyy-MM-dd}, before the slot");
        }

        if (rules.RequireCertifiedPlanOfCare && string.IsNullOrEmpty(plan.CertifyingProviderId))
        {
            return Invariant($"the plan of care of patient {patient.Id} is not certified");
        }

        return null;
    }

    private static string? LicenseReason(PatientProfile patient, ProviderProfile provider, CandidateSlot slot, ComplianceRules rules)
    {
        // Licensed where the patient is, or at least where care is delivered.
        var state = rules.RequireLicenseInPatientState ? patient.State : provider.State;
        var day = ProviderCalendar.DayOf(slot.Start);
        ProviderLicense? inState = null;
        foreach (var license in provider.Licenses)
        {
            if (!string.Equals(license.State, state, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            inState ??= license;
            if (!rules.RequireActiveLicense || (license.Status == LicenseStatus.Active && day <= license.ExpiresOn))
            {
                return null;
            }
        }

        if (inState is null)
        {
            return Invariant($"provider {provider.Id} holds no license in {state}");
        }

        return inState.Status != LicenseStatus.Active
            ? Invariant($"the {state} license of provider {provider.Id} is {inState.Status.ToString().ToLowerInvariant()}")
            : Invariant($"the {state} license of provider {provider.Id} expires {inState.ExpiresOn:yyyy-MM-dd}, before the slot");
    }

    private static string? CapacityReason(ProviderCalendar calendar, CandidateSlot slot)
    {
        var day = ProviderCalendar.DayOf(slot.Start);
        var booked = calendar.BookedOn(day);
        var capacity = calendar.Provider.DailyCapacity;
        return booked >= capacity
            ? Invariant($"provider {calendar.Provider.Id} is at daily capacity on {day:yyyy-MM-dd} ({booked} of {capacity} booked)")
            : null;
    }

    private static PayerRule? FindRule(IReadOnlyList<PayerRule> rules, string payer)
    {
        foreach (var rule in rules)
        {
            if (string.Equals(rule.PayerId, payer, StringComparison.OrdinalIgnoreCase))
            {
                return rule;
            }
        }

        return null;
    }
}
