using System.Text.Json;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Tests.Scheduling;

public sealed class SchedulingRecordsTests
{
    [Fact]
    public void Profiles_and_knowledge_survive_a_json_round_trip()
    {
        var scenario = SchedulingScenario.Passing();

        var provider = RoundTrip(scenario.Provider);
        var patient = RoundTrip(scenario.Patient);
        var knowledge = RoundTrip(scenario.Knowledge);
        var verdict = RoundTrip(scenario.Guard());

        Assert.Equal(scenario.Provider.Licenses, provider.Licenses);
        Assert.Equal(scenario.Provider.BookableSlots, provider.BookableSlots);
        Assert.Equal(scenario.Patient.PlanOfCare! with { FocusSpecialties = [] }, patient.PlanOfCare! with { FocusSpecialties = [] });
        Assert.Equal(scenario.Patient.PlanOfCare.FocusSpecialties, patient.PlanOfCare.FocusSpecialties);
        Assert.Equal(scenario.Patient.ProviderHistory, patient.ProviderHistory);
        Assert.Equal(scenario.Knowledge.Weights, knowledge.Weights);
        Assert.Equal(scenario.Knowledge.Thresholds, knowledge.Thresholds);
        Assert.Equal(scenario.Knowledge.PayerRules[0].AllowedStates, knowledge.PayerRules[0].AllowedStates);
        Assert.Equal(GuardrailOutcome.Proceed, verdict.Outcome);
    }

    [Fact]
    public void Statuses_use_the_fhir_spellings()
    {
        Assert.Equal("\"entered-in-error\"", JsonSerializer.Serialize(AppointmentStatus.EnteredInError));
        Assert.Equal("\"noshow\"", JsonSerializer.Serialize(AppointmentStatus.NoShow));
        Assert.Equal(AppointmentStatus.CheckedIn, JsonSerializer.Deserialize<AppointmentStatus>("\"checked-in\""));
        Assert.Equal("\"escalate_to_head_of_department\"", JsonSerializer.Serialize(GuardrailOutcome.EscalateToHeadOfDepartment));
    }

    [Fact]
    public void Knowledge_edited_in_part_keeps_the_defaults_for_the_rest()
    {
        var knowledge = JsonSerializer.Deserialize<SchedulingKnowledge>("""{"Weights":{"Continuity":55}}""")!;

        Assert.Equal(ScoringWeights.Default with { Continuity = 55 }, knowledge.Weights);
        Assert.Equal(GuardrailThresholds.Default, knowledge.Thresholds);
    }

    private static T RoundTrip<T>(T value) => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value))!;
}
