using Reroute.Grains.Scheduling;
using Reroute.Interfaces.Scheduling;
using static Reroute.Grains.Tests.Scheduling.SchedulingScenario;

namespace Reroute.Grains.Tests.Scheduling;

public sealed class CandidateScorerTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void The_score_is_the_weighted_sum_of_six_factors_each_between_zero_and_one()
    {
        var random = new Random(1234);
        for (var run = 0; run < 200; run++)
        {
            var scenario = RandomVariant(Passing(), random);

            var score = scenario.Score();

            Assert.Equal(Enum.GetValues<ScoringFactor>(), score.Factors.Select(static f => f.Factor));
            Assert.All(score.Factors, f => Assert.InRange(f.Value, 0, 1));
            var weights = scenario.Knowledge.Weights;
            double[] expectedWeights = [weights.Continuity, weights.SpecialtyMatch, weights.PatientPreference, weights.LoadBalance, weights.Experience, weights.DayTime];
            Assert.Equal(expectedWeights, score.Factors.Select(static f => f.Weight));
            Assert.All(score.Factors, f => Assert.Equal(f.Weight * f.Value, f.Contribution, Tolerance));
            Assert.Equal(score.Factors.Sum(static f => f.Weight * f.Value), score.Total, Tolerance);
        }
    }

    [Fact]
    public void The_default_weights_are_the_designs()
    {
        var weights = ScoringWeights.Default;

        Assert.Equal((40d, 35d, 30d, 25d, 20d, 10d), (weights.Continuity, weights.SpecialtyMatch, weights.PatientPreference, weights.LoadBalance, weights.Experience, weights.DayTime));
    }

    [Fact]
    public void Changing_a_weight_changes_the_total_by_that_factor_times_the_change()
    {
        var scenario = Passing();
        var before = scenario.Score();
        var continuity = before.Factors.Single(static f => f.Factor == ScoringFactor.Continuity).Value;
        Assert.True(continuity > 0);

        var heavier = scenario with { Knowledge = scenario.Knowledge with { Weights = ScoringWeights.Default with { Continuity = 100 } } };
        var after = heavier.Score();

        Assert.Equal(before.Total + ((100 - 40) * continuity), after.Total, Tolerance);
        Assert.NotEqual(before.Total, after.Total);
    }

    [Fact]
    public void With_one_weight_the_total_is_that_factor_alone()
    {
        var scenario = Passing();
        var zero = new ScoringWeights { Continuity = 0, SpecialtyMatch = 0, PatientPreference = 0, LoadBalance = 0, Experience = 0, DayTime = 0 };
        var onlyExperience = scenario with { Knowledge = scenario.Knowledge with { Weights = zero with { Experience = 1 } } };

        var score = onlyExperience.Score();

        Assert.Equal(CandidateScorer.Experience(scenario.Provider, ScoringCalibration.Default), score.Total, Tolerance);
    }

    [Fact]
    public void Load_balance_is_one_minus_booked_over_daily_capacity_that_day()
    {
        var scenario = Passing();

        var load = scenario.Score().Factors.Single(static f => f.Factor == ScoringFactor.LoadBalance).Value;

        Assert.Equal(1 - (2.0 / 8), load, Tolerance);
        Assert.Equal(1, CandidateScorer.LoadBalance(8, 0), Tolerance);
        Assert.Equal(0, CandidateScorer.LoadBalance(8, 8), Tolerance);
        Assert.Equal(0, CandidateScorer.LoadBalance(0, 0), Tolerance);

        var busier = scenario with { Provider = scenario.Provider with { BookedTimes = [.. scenario.Provider.BookedTimes, new TimeRange { Start = At(5, 15), End = At(5, 16) }] } };
        Assert.Equal(1 - (3.0 / 8), busier.Score().Factors.Single(static f => f.Factor == ScoringFactor.LoadBalance).Value, Tolerance);
    }

    [Fact]
    public void Continuity_rewards_a_provider_seen_before_more_visits_and_recent_ones()
    {
        var scenario = Passing();
        var calibration = ScoringCalibration.Default;
        double ContinuityWith(ProviderHistoryEntry[] history, string clinic = "C2")
            => CandidateScorer.Continuity(scenario.Appointment, scenario.Patient with { ProviderHistory = history }, scenario.Provider with { ClinicId = clinic }, scenario.Slot, calibration);

        var never = ContinuityWith([]);
        var once = ContinuityWith([new ProviderHistoryEntry { ProviderId = "T002", Visits = 1, LastVisit = Now.AddDays(-10) }]);
        var often = ContinuityWith([new ProviderHistoryEntry { ProviderId = "T002", Visits = 10, LastVisit = Now.AddDays(-10) }]);
        var longAgo = ContinuityWith([new ProviderHistoryEntry { ProviderId = "T002", Visits = 10, LastVisit = Now.AddDays(-400) }]);
        var sameClinic = ContinuityWith([], clinic: "C1");

        Assert.Equal(0, never);
        Assert.True(once >= calibration.ContinuityFloor * 0.9, $"{once}");
        Assert.True(often > once);
        Assert.True(longAgo < often);
        Assert.Equal(calibration.SameClinicContinuity, sameClinic, Tolerance);
    }

    [Fact]
    public void Specialty_match_is_the_share_of_wanted_specialties_the_provider_has()
    {
        var scenario = Passing();
        var patient = scenario.Patient with { PlanOfCare = scenario.Patient.PlanOfCare! with { FocusSpecialties = ["orthopedic", "vestibular"] } };

        Assert.Equal(0.5, CandidateScorer.SpecialtyMatch(scenario.Appointment, patient, scenario.Provider), Tolerance);
        Assert.Equal(1, CandidateScorer.SpecialtyMatch(scenario.Appointment, scenario.Patient, scenario.Provider), Tolerance);
        Assert.Equal(1, CandidateScorer.SpecialtyMatch(scenario.Appointment, patient with { PlanOfCare = null }, scenario.Provider), Tolerance);
    }

    [Fact]
    public void Patient_preference_counts_gender_language_and_travel_equally()
    {
        var scenario = Passing();
        var thresholds = GuardrailThresholds.Default;
        var nowhere = scenario.Patient with { Home = null };

        Assert.Equal(1, CandidateScorer.PatientPreference(nowhere, scenario.Provider, thresholds), Tolerance);
        var wantsMale = nowhere with { Preferences = nowhere.Preferences with { PreferredGender = AdministrativeGender.Male, Language = "es" } };
        Assert.Equal(0.5, CandidateScorer.PatientPreference(wantsMale, scenario.Provider, thresholds), Tolerance);

        var near = CandidateScorer.PatientPreference(scenario.Patient, scenario.Provider, thresholds);
        var far = CandidateScorer.PatientPreference(scenario.Patient, scenario.Provider with { Location = new GeoLocation { Latitude = 40.90, Longitude = -73.99 } }, thresholds);
        Assert.True(near > far, $"{near} vs {far}");
    }

    [Fact]
    public void Day_time_prefers_stated_days_and_windows_and_otherwise_the_original_time()
    {
        var scenario = Passing();
        var calibration = ScoringCalibration.Default;
        var thursdayMornings = scenario.Patient with
        {
            Preferences = new PatientPreferences
            {
                PreferredDays = [DayOfWeek.Thursday],
                PreferredTimes = [new TimeOfDayWindow { From = new TimeOnly(8, 0), To = new TimeOnly(12, 0) }],
            },
        };

        Assert.Equal(1, CandidateScorer.DayTime(scenario.Appointment, thursdayMornings, scenario.Slot, calibration), Tolerance);
        var fridayAt13 = scenario.Slot with { Start = At(6, 13), End = At(6, 13).AddMinutes(45) };
        Assert.Equal((0 + 0.5) / 2, CandidateScorer.DayTime(scenario.Appointment, thursdayMornings, fridayAt13, calibration), Tolerance);

        // No stated preference: the original 10:00 start is the implicit one.
        Assert.Equal(1, CandidateScorer.DayTime(scenario.Appointment, scenario.Patient, scenario.Slot, calibration), Tolerance);
        var at14 = scenario.Slot with { Start = At(5, 14), End = At(5, 14).AddMinutes(45) };
        Assert.Equal((1 + 0.0625) / 2, CandidateScorer.DayTime(scenario.Appointment, scenario.Patient, at14, calibration), Tolerance);
    }

    [Fact]
    public void Experience_saturates()
    {
        var calibration = ScoringCalibration.Default;
        double Of(double years) => CandidateScorer.Experience(Passing().Provider with { YearsOfExperience = years }, calibration);

        Assert.Equal(0, Of(0), Tolerance);
        Assert.Equal(0.5, Of(calibration.ExperienceHalfLifeYears), Tolerance);
        Assert.True(Of(8) - Of(4) > Of(20) - Of(16));
    }

    [Fact]
    public void Ranking_puts_the_best_candidate_first_and_is_stable_on_ties()
    {
        var scenario = Passing();
        var twin = scenario.Provider with { Id = "T001B" };
        var junior = scenario.Provider with { Id = "T000", YearsOfExperience = 1 };
        var providers = new[] { scenario.Provider, twin, junior }.ToDictionary(static p => p.Id);
        var slots = providers.Values.SelectMany(CandidateFilter.SlotsOf).ToList();

        var newPatient = scenario.Patient with { ProviderHistory = [] };

        var ranked = CandidateScorer.Rank(scenario.Appointment, newPatient, slots, providers, scenario.Knowledge);

        Assert.Equal(slots.Count, ranked.Count);
        Assert.True(ranked.Zip(ranked.Skip(1)).All(static p => p.First.Score.Total >= p.Second.Score.Total));
        Assert.Equal("T000", ranked[^1].Slot.ProviderId);
        var tiedTop = ranked.TakeWhile(r => r.Score.Total == ranked[0].Score.Total).Select(static r => r.Slot.ProviderId).Distinct();
        Assert.Equal(["T001B", "T002"], tiedTop);
    }

    private static SchedulingScenario RandomVariant(SchedulingScenario s, Random random)
    {
        var weights = new ScoringWeights
        {
            Continuity = random.Next(0, 60),
            SpecialtyMatch = random.Next(0, 60),
            PatientPreference = random.Next(0, 60),
            LoadBalance = random.Next(0, 60),
            Experience = random.Next(0, 60),
            DayTime = random.Next(0, 60),
        };
        var start = At(5, random.Next(7, 18), random.Next(0, 4) * 15);
        return s with
        {
            Knowledge = s.Knowledge with { Weights = weights },
            Slot = s.Slot with { Start = start, End = start.AddMinutes(45) },
            Provider = s.Provider with
            {
                YearsOfExperience = random.NextDouble() * 30,
                DailyCapacity = random.Next(1, 12),
                Gender = random.Next(2) == 0 ? AdministrativeGender.Female : AdministrativeGender.Male,
                Location = new GeoLocation { Latitude = 40.6 + (random.NextDouble() * 0.3), Longitude = -74.1 + (random.NextDouble() * 0.3) },
            },
            Patient = s.Patient with
            {
                Preferences = new PatientPreferences
                {
                    PreferredGender = random.Next(3) == 0 ? null : AdministrativeGender.Female,
                    Language = random.Next(2) == 0 ? null : "es",
                    PreferredDays = random.Next(2) == 0 ? [] : [DayOfWeek.Monday, DayOfWeek.Thursday],
                    MaxTravelDistanceKm = random.Next(5, 60),
                },
                ProviderHistory = random.Next(2) == 0 ? [] : [new ProviderHistoryEntry { ProviderId = "T002", Visits = random.Next(1, 20), LastVisit = Now.AddDays(-random.Next(1, 500)) }],
            },
        };
    }
}
