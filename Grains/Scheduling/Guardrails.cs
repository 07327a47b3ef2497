using Reroute.Interfaces.Scheduling;
using static System.FormattableString;

namespace Reroute.Grains.Scheduling;

/// <summary>
/// Stage 4 of rescheduling: quality assurance of one proposal (an appointment moved to a scored slot) before the
/// patient sees it. The checks repeat the hard filters on purpose: filtering ran on a snapshot and a proposal may come
/// from an agent or a person, so nothing is offered on the strength of an earlier check. Guardrails run in order and
/// the first that fails decides, each with its own consequence:
/// <list type="number">
/// <item>schema validation — a malformed or inconsistent proposal goes back to the agent that made it;</item>
/// <item>compliance (discipline, payer, plan of care, license, jurisdiction) — a person must decide: escalate to the
/// head of department;</item>
/// <item>business rules (distance, availability, capacity, timing) — this slot will not do: try the next provider;</item>
/// <item>risk (no-show rate, loss of continuity) — not a reason to withhold care: proceed, flagged.</item>
/// </list>
/// </summary>
public static class Guardrails
{
    /// <summary>How far the stated total may drift from the sum of its factors (floating-point summation only).</summary>
    private const double ScoreTolerance = 1e-6;

    private static readonly HardFilter[] ComplianceFilters =
    [
        HardFilter.Specialty, HardFilter.PayerRules, HardFilter.PlanOfCare, HardFilter.LicenseStatus, HardFilter.GeographicRestrictions,
    ];

    private static readonly HardFilter[] BusinessFilters = [HardFilter.Location, HardFilter.Availability, HardFilter.Capacity];

    private static readonly AppointmentStatus[] Reschedulable =
    [
        AppointmentStatus.Proposed, AppointmentStatus.Pending, AppointmentStatus.Booked, AppointmentStatus.Waitlist,
    ];

    /// <summary>The names of the risk checks, as recorded in <see cref="GuardrailVerdict.CheckedRules"/>.</summary>
    public const string NoShowRiskRule = "no_show_risk";

    /// <summary>The name of the continuity check.</summary>
    public const string ContinuityThresholdRule = "continuity_threshold";

    /// <summary>The name of the schema check.</summary>
    public const string SchemaRule = "schema";

    /// <summary>Runs the four guardrails on a proposal.</summary>
    public static GuardrailVerdict Evaluate(
        Appointment appointment, PatientProfile patient, ProviderProfile provider, ScoredCandidate proposal,
        SchedulingKnowledge knowledge, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var checkedRules = new List<string> { SchemaRule };
        var schema = SchemaProblems(appointment, patient, provider, proposal);
        if (schema.Count > 0)
        {
            return Verdict(GuardrailOutcome.RejectToAgent, Guardrail.SchemaValidation, schema, [], checkedRules);
        }

        var calendar = new ProviderCalendar(provider);
        var compliance = Failures(ComplianceFilters, appointment, patient, calendar, proposal.Slot, knowledge, now, checkedRules);
        if (compliance.Count > 0)
        {
            return Verdict(GuardrailOutcome.EscalateToHeadOfDepartment, Guardrail.Compliance, compliance, [], checkedRules);
        }

        var business = Failures(BusinessFilters, appointment, patient, calendar, proposal.Slot, knowledge, now, checkedRules);
        if (business.Count > 0)
        {
            return Verdict(GuardrailOutcome.TryNextProvider, Guardrail.BusinessRules, business, [], checkedRules);
        }

        var risks = RiskFindings(appointment, patient, provider, proposal.Slot, knowledge, checkedRules);
        return risks.Count > 0
            ? Verdict(GuardrailOutcome.FlagAndProceed, Guardrail.Risk, risks, risks, checkedRules)
            : Verdict(GuardrailOutcome.Proceed, null, [], [], checkedRules);
    }

    /// <summary>
    /// The compliance rules a booked appointment breaks now, as "rule: reason"; empty when none. Used by the compliance
    /// report to re-verify every booking a workflow made, independently of the checks that led to it.
    /// </summary>
    public static IReadOnlyList<string> ComplianceFindings(
        Appointment appointment, PatientProfile patient, ProviderProfile provider, SchedulingKnowledge knowledge, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        ArgumentNullException.ThrowIfNull(provider);
        var slot = new CandidateSlot { ProviderId = provider.Id, ClinicId = appointment.ClinicId, Start = appointment.Start, End = appointment.End };
        return Failures(ComplianceFilters, appointment, patient, new ProviderCalendar(provider), slot, knowledge, now, []);
    }

    /// <summary>The compliance rules, by name, in the order they are checked.</summary>
    public static IReadOnlyList<string> ComplianceRuleNames { get; } = [.. ComplianceFilters.Select(CandidateFilter.NameOf)];

    /// <summary>The patient's no-show rate, or null while too few appointments make it meaningless.</summary>
    public static double? NoShowRate(PatientProfile patient, GuardrailThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(thresholds);
        return patient.TotalAppointments < Math.Max(1, thresholds.MinAppointmentsForNoShowRisk)
            ? null
            : (double)patient.NoShowCount / patient.TotalAppointments;
    }

    private static List<string> SchemaProblems(Appointment? appointment, PatientProfile? patient, ProviderProfile? provider, ScoredCandidate? proposal)
    {
        var problems = new List<string>();
        if (appointment is null || patient is null || provider is null || proposal?.Slot is null || proposal.Score is null)
        {
            problems.Add("the proposal is incomplete: appointment, patient, provider, slot and score are all required");
            return problems;
        }

        RequireId(problems, "appointment id", appointment.Id);
        RequireId(problems, "patient id", patient.Id);
        RequireId(problems, "provider id", provider.Id);
        RequireId(problems, "slot clinic id", proposal.Slot.ClinicId);
        RequireId(problems, "visit discipline", appointment.Discipline);
        if (!string.Equals(proposal.AppointmentId, appointment.Id, StringComparison.Ordinal))
        {
            problems.Add(Invariant($"the proposal is for appointment {proposal.AppointmentId}, not {appointment.Id}"));
        }

        if (!string.Equals(appointment.PatientId, patient.Id, StringComparison.Ordinal))
        {
            problems.Add(Invariant($"appointment {appointment.Id} belongs to patient {appointment.PatientId}, not {patient.Id}"));
        }

        if (!string.Equals(proposal.Slot.ProviderId, provider.Id, StringComparison.Ordinal))
        {
            problems.Add(Invariant($"the slot belongs to provider {proposal.Slot.ProviderId}, not {provider.Id}"));
        }

        if (proposal.Slot.End <= proposal.Slot.Start)
        {
            problems.Add("the slot ends before it starts");
        }

        if (Array.IndexOf(Reschedulable, appointment.Status) < 0)
        {
            problems.Add(Invariant($"appointment {appointment.Id} is {appointment.Status}, which cannot be rescheduled"));
        }

        ScoreProblems(problems, proposal.Score);
        return problems;
    }

    private static void ScoreProblems(List<string> problems, CandidateScore score)
    {
        var factors = score.Factors ?? [];
        var expected = Enum.GetValues<ScoringFactor>();
        if (factors.Count != expected.Length || factors.Select(static f => f.Factor).Distinct().Count() != expected.Length)
        {
            problems.Add(Invariant($"the score has {factors.Count} factors, expected one each of {expected.Length}"));
            return;
        }

        var sum = 0.0;
        foreach (var factor in factors)
        {
            if (!double.IsFinite(factor.Value) || factor.Value < 0 || factor.Value > 1)
            {
                problems.Add(Invariant($"factor {factor.Factor} is {factor.Value}, outside 0..1"));
            }

            if (!double.IsFinite(factor.Contribution) || Math.Abs(factor.Contribution - (factor.Weight * factor.Value)) > ScoreTolerance)
            {
                problems.Add(Invariant($"factor {factor.Factor} contributes {factor.Contribution}, not weight × value"));
            }

            sum += factor.Contribution;
        }

        if (!double.IsFinite(score.Total) || Math.Abs(score.Total - sum) > ScoreTolerance)
        {
            problems.Add(Invariant($"the score total {score.Total} is not the sum of its factors ({sum})"));
        }
    }

    private static void RequireId(List<string> problems, string what, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(Invariant($"the {what} is missing"));
        }
    }

    private static List<string> Failures(
        HardFilter[] filters, Appointment appointment, PatientProfile patient, ProviderCalendar calendar, CandidateSlot slot,
        SchedulingKnowledge knowledge, DateTimeOffset now, List<string> checkedRules)
    {
        var failures = new List<string>();
        foreach (var filter in filters)
        {
            checkedRules.Add(CandidateFilter.NameOf(filter));
            if (CandidateFilter.ReasonFor(filter, appointment, patient, calendar, slot, knowledge, now) is { } reason)
            {
                failures.Add(Invariant($"{CandidateFilter.NameOf(filter)}: {reason}"));
            }
        }

        return failures;
    }

    private static List<string> RiskFindings(
        Appointment appointment, PatientProfile patient, ProviderProfile provider, CandidateSlot slot, SchedulingKnowledge knowledge,
        List<string> checkedRules)
    {
        var thresholds = knowledge.Thresholds;
        var findings = new List<string>();
        checkedRules.Add(NoShowRiskRule);
        if (NoShowRate(patient, thresholds) is { } rate && rate > thresholds.MaxNoShowRisk)
        {
            findings.Add(Invariant($"{NoShowRiskRule}: patient {patient.Id} missed {rate:P0} of appointments, above {thresholds.MaxNoShowRisk:P0}"));
        }

        // Only a patient with a care history can lose continuity; for a new patient every provider is a first visit.
        checkedRules.Add(ContinuityThresholdRule);
        if (patient.ProviderHistory.Any(static h => h.Visits > 0))
        {
            var continuity = CandidateScorer.Continuity(appointment, patient, provider, slot, knowledge.Calibration);
            if (continuity < thresholds.MinContinuityScore)
            {
                findings.Add(Invariant($"{ContinuityThresholdRule}: continuity with provider {provider.Id} is {continuity:F2}, below {thresholds.MinContinuityScore:F2}"));
            }
        }

        return findings;
    }

    private static GuardrailVerdict Verdict(
        GuardrailOutcome outcome, Guardrail? decidedBy, IReadOnlyList<string> reasons, IReadOnlyList<string> warnings, List<string> checkedRules)
        => new() { Outcome = outcome, DecidedBy = decidedBy, Reasons = reasons, Warnings = warnings, CheckedRules = checkedRules };
}
