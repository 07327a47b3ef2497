using Reroute.Grains.Scheduling;
using Reroute.Interfaces.Scheduling;
using static Reroute.Grains.Tests.Scheduling.SchedulingScenario;

namespace Reroute.Grains.Tests.Scheduling;

public sealed class CandidateFilterTests
{
    /// <summary>Each case breaks exactly one filter of the passing scenario.</summary>
    public static TheoryData<string, HardFilter> Breakages => new()
    {
        { "provider practises another discipline", HardFilter.Specialty },
        { "visit requires a specialty the provider lacks", HardFilter.Specialty },
        { "clinic beyond the patient's travel limit", HardFilter.Location },
        { "clinic beyond the tenant's distance limit", HardFilter.Location },
        { "slot in the past", HardFilter.Availability },
        { "slot with less than the minimum notice", HardFilter.Availability },
        { "slot too long after the original visit", HardFilter.Availability },
        { "slot not on the provider's schedule", HardFilter.Availability },
        { "slot shorter than the visit", HardFilter.Availability },
        { "provider unavailable during the slot", HardFilter.Availability },
        { "provider already booked during the slot", HardFilter.Availability },
        { "provider not in network", HardFilter.PayerRules },
        { "payer does not cover the discipline", HardFilter.PayerRules },
        { "undescribed payer, provider out of network", HardFilter.PayerRules },
        { "no plan of care", HardFilter.PlanOfCare },
        { "plan of care for another discipline", HardFilter.PlanOfCare },
        { "plan of care visits used up", HardFilter.PlanOfCare },
        { "plan of care expires before the slot", HardFilter.PlanOfCare },
        { "plan of care not certified", HardFilter.PlanOfCare },
        { "no license in the patient's state", HardFilter.LicenseStatus },
        { "license suspended", HardFilter.LicenseStatus },
        { "license expires before the slot", HardFilter.LicenseStatus },
        { "provider at daily capacity", HardFilter.Capacity },
        { "payer does not cover the clinic's state", HardFilter.GeographicRestrictions },
        { "tenant does not deliver care in the clinic's state", HardFilter.GeographicRestrictions },
        { "care outside the patient's state when required", HardFilter.GeographicRestrictions },
    };

    [Fact]
    public void The_passing_candidate_passes_every_filter()
    {
        var scenario = Passing();

        Assert.Null(scenario.Evaluate());
        Assert.All(Enum.GetValues<HardFilter>(), filter => Assert.Null(scenario.Check(filter)));
    }

    [Fact]
    public void There_are_eight_named_filters_and_each_runs_once()
    {
        Assert.Equal(8, CandidateFilter.EvaluationOrder.Count);
        Assert.Equal(Enum.GetValues<HardFilter>().Order(), CandidateFilter.EvaluationOrder.Order());
        Assert.Equal(
            ["specialty", "location", "availability", "payer_rules", "plan_of_care", "license_status", "capacity", "geographic_restrictions"],
            Enum.GetValues<HardFilter>().Select(CandidateFilter.NameOf));
    }

    [Theory]
    [MemberData(nameof(Breakages))]
    public void A_candidate_failing_one_filter_is_rejected_by_that_filter_alone(string breakage, HardFilter expected)
    {
        var scenario = Break(Passing(), breakage);

        var rejection = scenario.Evaluate();

        Assert.NotNull(rejection);
        Assert.Equal(expected, rejection.Filter);
        Assert.Equal(CandidateFilter.NameOf(expected), rejection.FilterName);
        Assert.Equal("A1", rejection.AppointmentId);
        Assert.Equal("T002", rejection.ProviderId);
        Assert.False(string.IsNullOrWhiteSpace(rejection.Reason));
        Assert.DoesNotContain(ProviderName, rejection.Reason, StringComparison.Ordinal);
        foreach (var other in Enum.GetValues<HardFilter>().Where(f => f != expected))
        {
            Assert.True(scenario.Check(other) is null, $"{other} also rejected '{breakage}': {scenario.Check(other)?.Reason}");
        }

        Assert.Equal(expected, scenario.Check(expected)?.Filter);
    }

    [Fact]
    public void A_provider_who_fails_a_provider_level_filter_gets_one_rejection_for_all_slots()
    {
        var scenario = Passing();
        var otherDiscipline = scenario.Provider with { Id = "T003", Discipline = "OT" };

        var result = CandidateFilter.FilterCandidates(scenario.Appointment, scenario.Patient, [scenario.Provider, otherDiscipline], scenario.Knowledge, Now);

        Assert.Equal(scenario.Provider.BookableSlots.Count, result.Accepted.Count);
        Assert.All(result.Accepted, slot => Assert.Equal("T002", slot.ProviderId));
        var rejection = Assert.Single(result.Rejections);
        Assert.Equal(("T003", HardFilter.Specialty, (DateTimeOffset?)null), (rejection.ProviderId, rejection.Filter, rejection.SlotStart));
    }

    [Fact]
    public void Filtering_all_slots_accepts_exactly_the_slots_that_pass_and_names_the_filter_of_every_other()
    {
        var scenario = Passing();
        var past = At(1, 10);
        var unavailable = At(6, 10);
        var full = At(9, 10);
        var provider = scenario.Provider with
        {
            BookableSlots =
            [
                .. scenario.Provider.BookableSlots,
                new TimeRange { Start = past, End = past.AddMinutes(45) },
                new TimeRange { Start = unavailable, End = unavailable.AddMinutes(45) },
                new TimeRange { Start = full, End = full.AddMinutes(45) },
            ],
            Unavailability = [new UnavailabilityPeriod { Start = At(6, 0), End = At(7, 0), Reason = "training" }],
            BookedTimes =
            [
                .. scenario.Provider.BookedTimes,
                .. Enumerable.Range(0, 8).Select(i => new TimeRange { Start = At(9, 8).AddHours(i * 0.5).AddHours(i < 4 ? 0 : 4), End = At(9, 8).AddHours(i * 0.5).AddHours(i < 4 ? 0 : 4).AddMinutes(20) }),
            ],
        };

        var result = CandidateFilter.FilterCandidates(scenario.Appointment, scenario.Patient, [provider], scenario.Knowledge, Now);

        Assert.Equal([At(5, 10), At(5, 14)], result.Accepted.Select(static s => s.Start));
        Assert.Equal(
            [(past, HardFilter.Availability), (unavailable, HardFilter.Availability), (full, HardFilter.Capacity)],
            result.Rejections.Select(static r => (r.SlotStart!.Value, r.Filter)));
        Assert.Contains("training", result.Rejections[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Filtering_a_trigger_filters_each_appointment_for_its_own_patient()
    {
        var scenario = Passing();
        var second = scenario.Appointment with { Id = "A2", PatientId = "P2" };
        var patients = new Dictionary<string, PatientProfile>
        {
            ["P1"] = scenario.Patient,
            ["P2"] = scenario.Patient with { Id = "P2", PlanOfCare = null },
        };

        var results = CandidateFilter.FilterAll([scenario.Appointment, second], patients, [scenario.Provider], scenario.Knowledge, Now);

        Assert.Equal(2, results[0].Accepted.Count);
        Assert.Empty(results[1].Accepted);
        Assert.All(results[1].Rejections, r => Assert.Equal((HardFilter.PlanOfCare, "A2"), (r.Filter, r.AppointmentId)));
        Assert.Throws<KeyNotFoundException>(() => CandidateFilter.FilterAll([second with { PatientId = "P9" }], patients, [scenario.Provider], scenario.Knowledge, Now));
    }

    [Fact]
    public void A_second_active_license_in_the_state_is_enough()
    {
        var scenario = Passing();
        scenario = scenario with
        {
            Provider = scenario.Provider with
            {
                Licenses =
                [
                    new ProviderLicense { State = "NY", Status = LicenseStatus.Expired, ExpiresOn = new DateOnly(2025, 12, 31) },
                    .. scenario.Provider.Licenses,
                ],
            },
        };

        Assert.Null(scenario.Evaluate());
    }

    [Fact]
    public void Relaxed_compliance_rules_let_through_what_strict_ones_reject()
    {
        var scenario = Break(Passing(), "no plan of care");
        Assert.Equal(HardFilter.PlanOfCare, scenario.Evaluate()?.Filter);

        var relaxed = scenario with { Knowledge = scenario.Knowledge with { Compliance = ComplianceRules.Default with { RequirePlanOfCare = false } } };

        Assert.Null(relaxed.Evaluate());
    }

    [Fact]
    public void A_patient_without_a_known_home_is_not_rejected_on_distance()
    {
        var scenario = Break(Passing(), "clinic beyond the patient's travel limit");
        scenario = scenario with { Patient = scenario.Patient with { Home = null } };

        Assert.Null(scenario.Check(HardFilter.Location));
    }

    internal static SchedulingScenario Break(SchedulingScenario s, string breakage)
    {
        var provider = s.Provider;
        var patient = s.Patient;
        var plan = patient.PlanOfCare!;
        return breakage switch
        {
            "provider practises another discipline" => s with { Provider = provider with { Discipline = "OT" } },
            "visit requires a specialty the provider lacks" => s with { Appointment = s.Appointment with { RequiredSpecialty = "vestibular" } },
            "clinic beyond the patient's travel limit" => s with { Patient = patient with { Preferences = patient.Preferences with { MaxTravelDistanceKm = 1 } } },
            "clinic beyond the tenant's distance limit" => s with
            {
                Patient = patient with { Preferences = patient.Preferences with { MaxTravelDistanceKm = 500 } },
                Knowledge = s.Knowledge with { Thresholds = s.Knowledge.Thresholds with { MaxDistanceKm = 1 } },
            },
            "slot in the past" => s.WithSlotAt(Now.AddHours(-1)),
            "slot with less than the minimum notice" => s.WithSlotAt(Now.AddMinutes(30)),
            "slot too long after the original visit" => s.WithSlotAt(At(25, 10)),
            "slot not on the provider's schedule" => s with { Slot = s.Slot with { Start = At(5, 12), End = At(5, 12).AddMinutes(45) } },
            "slot shorter than the visit" => ShortSlot(s),
            "provider unavailable during the slot" => s with
            {
                Provider = provider with { Unavailability = [new UnavailabilityPeriod { Start = At(5, 0), End = At(6, 0), Reason = "sick_leave" }] },
            },
            "provider already booked during the slot" => s with
            {
                Provider = provider with { BookedTimes = [.. provider.BookedTimes, new TimeRange { Start = At(5, 10, 30), End = At(5, 11) }] },
            },
            "provider not in network" => s with { Provider = provider with { AcceptedPayers = ["CIGNA"] } },
            "payer does not cover the discipline" => s with
            {
                Knowledge = s.Knowledge with { PayerRules = [s.Knowledge.PayerRules[0] with { AcceptedDisciplines = ["OT"] }] },
            },
            "undescribed payer, provider out of network" => s with { Patient = patient with { CoveragePayerId = "UNLISTED" } },
            "no plan of care" => s with { Patient = patient with { PlanOfCare = null } },
            "plan of care for another discipline" => s with { Patient = patient with { PlanOfCare = plan with { Discipline = "OT" } } },
            "plan of care visits used up" => s with { Patient = patient with { PlanOfCare = plan with { VisitsUsed = 12 } } },
            "plan of care expires before the slot" => s with { Patient = patient with { PlanOfCare = plan with { ExpiresOn = new DateOnly(2026, 3, 4) } } },
            "plan of care not certified" => s with { Patient = patient with { PlanOfCare = plan with { CertifyingProviderId = "" } } },
            "no license in the patient's state" => s with
            {
                Provider = provider with { Licenses = [provider.Licenses[0] with { State = "NJ" }] },
            },
            "license suspended" => s with { Provider = provider with { Licenses = [provider.Licenses[0] with { Status = LicenseStatus.Suspended }] } },
            "license expires before the slot" => s with
            {
                Provider = provider with { Licenses = [provider.Licenses[0] with { ExpiresOn = new DateOnly(2026, 3, 4) }] },
            },
            "provider at daily capacity" => s with { Provider = provider with { DailyCapacity = 2 } },
            "payer does not cover the clinic's state" => s with
            {
                Knowledge = s.Knowledge with { PayerRules = [s.Knowledge.PayerRules[0] with { AllowedStates = ["NJ"] }] },
            },
            "tenant does not deliver care in the clinic's state" => s with
            {
                Knowledge = s.Knowledge with { Compliance = s.Knowledge.Compliance with { AllowedCareStates = ["NJ", "CT"] } },
            },
            "care outside the patient's state when required" => s with
            {
                Provider = provider with { State = "NJ" },
                Knowledge = s.Knowledge with { Compliance = s.Knowledge.Compliance with { RequireCareInPatientState = true } },
            },
            _ => throw new ArgumentOutOfRangeException(nameof(breakage), breakage, "unknown breakage"),
        };
    }

    private static SchedulingScenario ShortSlot(SchedulingScenario s)
    {
        var start = At(5, 16);
        var slot = s.Slot with { Start = start, End = start.AddMinutes(30) };
        return s with
        {
            Slot = slot,
            Provider = s.Provider with { BookableSlots = [.. s.Provider.BookableSlots, new TimeRange { Start = slot.Start, End = slot.End }] },
        };
    }
}
