using Reroute.Grains.Scheduling;
using Reroute.Interfaces.Scheduling;
using static Reroute.Grains.Tests.Scheduling.SchedulingScenario;

namespace Reroute.Grains.Tests.Scheduling;

public sealed class GuardrailsTests
{
    [Fact]
    public void A_sound_proposal_proceeds_after_every_rule_was_checked()
    {
        var verdict = Passing().Guard();

        Assert.Equal(GuardrailOutcome.Proceed, verdict.Outcome);
        Assert.Null(verdict.DecidedBy);
        Assert.Empty(verdict.Reasons);
        Assert.Empty(verdict.Warnings);
        Assert.Equal(
            ["schema", "specialty", "payer_rules", "plan_of_care", "license_status", "geographic_restrictions", "location", "availability", "capacity", "no_show_risk", "continuity_threshold"],
            verdict.CheckedRules);
    }

    [Fact]
    public void A_proposal_for_another_appointment_is_rejected_to_the_agent()
    {
        var scenario = Passing();
        var proposal = scenario.Proposal() with { AppointmentId = "A9" };

        var verdict = Guardrails.Evaluate(scenario.Appointment, scenario.Patient, scenario.Provider, proposal, scenario.Knowledge, Now);

        AssertDecided(verdict, GuardrailOutcome.RejectToAgent, Guardrail.SchemaValidation, "A9");
        Assert.Equal(["schema"], verdict.CheckedRules);
    }

    [Theory]
    [InlineData("total")]
    [InlineData("factor")]
    [InlineData("missing factor")]
    public void A_score_that_does_not_add_up_is_rejected_to_the_agent(string tampering)
    {
        var scenario = Passing();
        var proposal = scenario.Proposal();
        var factors = proposal.Score.Factors;
        var score = tampering switch
        {
            "total" => proposal.Score with { Total = proposal.Score.Total + 5 },
            "factor" => proposal.Score with { Factors = [factors[0] with { Value = 1.5, Contribution = factors[0].Weight * 1.5 }, .. factors.Skip(1)] },
            _ => proposal.Score with { Factors = [.. factors.Skip(1)] },
        };

        var verdict = Guardrails.Evaluate(scenario.Appointment, scenario.Patient, scenario.Provider, proposal with { Score = score }, scenario.Knowledge, Now);

        AssertDecided(verdict, GuardrailOutcome.RejectToAgent, Guardrail.SchemaValidation, "factor");
    }

    [Fact]
    public void An_appointment_that_already_happened_is_rejected_to_the_agent()
    {
        var scenario = Passing();
        scenario = scenario with { Appointment = scenario.Appointment with { Status = AppointmentStatus.Fulfilled } };

        AssertDecided(scenario.Guard(), GuardrailOutcome.RejectToAgent, Guardrail.SchemaValidation, "cannot be rescheduled");
    }

    [Theory]
    [InlineData("license expires before the slot", "license_status")]
    [InlineData("no plan of care", "plan_of_care")]
    [InlineData("provider not in network", "payer_rules")]
    [InlineData("provider practises another discipline", "specialty")]
    [InlineData("payer does not cover the clinic's state", "geographic_restrictions")]
    public void A_compliance_failure_escalates_to_the_head_of_department(string breakage, string rule)
    {
        var scenario = CandidateFilterTests.Break(Passing(), breakage);

        AssertDecided(scenario.Guard(), GuardrailOutcome.EscalateToHeadOfDepartment, Guardrail.Compliance, rule);
    }

    [Theory]
    [InlineData("clinic beyond the tenant's distance limit", "location")]
    [InlineData("provider already booked during the slot", "availability")]
    [InlineData("slot with less than the minimum notice", "availability")]
    [InlineData("provider at daily capacity", "capacity")]
    public void A_business_rule_failure_tries_the_next_provider(string breakage, string rule)
    {
        var scenario = CandidateFilterTests.Break(Passing(), breakage);

        AssertDecided(scenario.Guard(), GuardrailOutcome.TryNextProvider, Guardrail.BusinessRules, rule);
    }

    [Fact]
    public void A_frequent_no_show_is_flagged_and_proceeds()
    {
        var scenario = Passing();
        scenario = scenario with { Patient = scenario.Patient with { NoShowCount = 4, TotalAppointments = 10 } };

        var verdict = scenario.Guard();

        AssertDecided(verdict, GuardrailOutcome.FlagAndProceed, Guardrail.Risk, "no_show_risk");
        Assert.Contains(verdict.Warnings, w => w.Contains("40", StringComparison.Ordinal));
        Assert.Equal(0.4, Guardrails.NoShowRate(scenario.Patient, scenario.Knowledge.Thresholds));
    }

    [Fact]
    public void A_no_show_rate_on_too_few_appointments_is_not_a_risk()
    {
        var scenario = Passing();
        scenario = scenario with { Patient = scenario.Patient with { NoShowCount = 2, TotalAppointments = 3 } };

        Assert.Equal(GuardrailOutcome.Proceed, scenario.Guard().Outcome);
        Assert.Null(Guardrails.NoShowRate(scenario.Patient, scenario.Knowledge.Thresholds));
    }

    [Fact]
    public void A_patient_losing_continuity_is_flagged_and_proceeds()
    {
        var scenario = Passing();
        scenario = scenario with { Patient = scenario.Patient with { ProviderHistory = [scenario.Patient.ProviderHistory[0]] } };

        var verdict = scenario.Guard();

        AssertDecided(verdict, GuardrailOutcome.FlagAndProceed, Guardrail.Risk, "continuity_threshold");
        Assert.Equal(verdict.Reasons, verdict.Warnings);
    }

    [Fact]
    public void A_new_patient_is_not_flagged_for_continuity()
    {
        var scenario = Passing();
        scenario = scenario with { Patient = scenario.Patient with { ProviderHistory = [] } };

        Assert.Equal(GuardrailOutcome.Proceed, scenario.Guard().Outcome);
    }

    [Fact]
    public void The_first_failing_guardrail_decides()
    {
        var compliantButFar = CandidateFilterTests.Break(Passing(), "clinic beyond the tenant's distance limit");
        var expiredAndFar = compliantButFar with
        {
            Provider = compliantButFar.Provider with { Licenses = [compliantButFar.Provider.Licenses[0] with { Status = LicenseStatus.Revoked }] },
        };
        var malformedToo = expiredAndFar with { Appointment = expiredAndFar.Appointment with { Status = AppointmentStatus.Cancelled } };
        var riskyAndFar = compliantButFar with { Patient = compliantButFar.Patient with { NoShowCount = 9, TotalAppointments = 10 } };

        Assert.Equal(GuardrailOutcome.TryNextProvider, riskyAndFar.Guard().Outcome);
        Assert.Equal(GuardrailOutcome.EscalateToHeadOfDepartment, expiredAndFar.Guard().Outcome);
        Assert.Equal(GuardrailOutcome.RejectToAgent, malformedToo.Guard().Outcome);
    }

    private static void AssertDecided(GuardrailVerdict verdict, GuardrailOutcome outcome, Guardrail guardrail, string reasonMentions)
    {
        Assert.Equal(outcome, verdict.Outcome);
        Assert.Equal(guardrail, verdict.DecidedBy);
        Assert.Contains(verdict.Reasons, r => r.Contains(reasonMentions, StringComparison.Ordinal));
        Assert.All(verdict.Reasons, r => Assert.DoesNotContain(ProviderName, r, StringComparison.Ordinal));
    }
}
