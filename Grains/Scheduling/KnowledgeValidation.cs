using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>
/// Checks of a tenant's scheduling knowledge. Weights must be finite and not negative (a negative weight would
/// reward what the clinic wants to avoid) and not all zero (no ranking at all); fractions stay within 0..1.
/// </summary>
public static class KnowledgeValidation
{
    /// <summary>Every failure of <paramref name="knowledge"/>.</summary>
    public static ValidationErrors Validate(SchedulingKnowledge knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var errors = new ValidationErrors();
        if (knowledge.Weights is not { } weights)
        {
            errors.Add("weights", "must not be null.");
        }
        else
        {
            (string Name, double Value)[] all =
            [
                ("continuity", weights.Continuity), ("specialtyMatch", weights.SpecialtyMatch), ("patientPreference", weights.PatientPreference),
                ("loadBalance", weights.LoadBalance), ("experience", weights.Experience), ("dayTime", weights.DayTime),
            ];
            foreach (var (name, value) in all)
            {
                errors.Require(value >= 0 && double.IsFinite(value), $"weights.{name}", "must be a finite number, zero or more.");
            }

            errors.Require(all.Any(static w => w.Value > 0), "weights", "at least one weight must be greater than zero.");
        }

        if (knowledge.Thresholds is not { } thresholds)
        {
            errors.Add("thresholds", "must not be null.");
        }
        else
        {
            errors.Require(thresholds.MaxDistanceKm > 0 && double.IsFinite(thresholds.MaxDistanceKm), "thresholds.maxDistanceKm", "must be greater than zero.");
            errors.Require(thresholds.MinimumNotice >= TimeSpan.Zero, "thresholds.minimumNotice", "must not be negative.");
            errors.Require(thresholds.MaxRescheduleDelay > TimeSpan.Zero, "thresholds.maxRescheduleDelay", "must be greater than zero.");
            errors.Require(thresholds.MinContinuityScore is >= 0 and <= 1, "thresholds.minContinuityScore", "must be between 0 and 1.");
            errors.Require(thresholds.MaxNoShowRisk is >= 0 and <= 1, "thresholds.maxNoShowRisk", "must be between 0 and 1.");
            errors.Require(thresholds.MinAppointmentsForNoShowRisk >= 0, "thresholds.minAppointmentsForNoShowRisk", "must be zero or more.");
        }

        if (knowledge.Calibration is not { } calibration)
        {
            errors.Add("calibration", "must not be null.");
        }
        else
        {
            errors.Require(calibration.ContinuityFloor is >= 0 and <= 1, "calibration.continuityFloor", "must be between 0 and 1.");
            errors.Require(calibration.SameClinicContinuity is >= 0 and <= 1, "calibration.sameClinicContinuity", "must be between 0 and 1.");
            errors.Require(calibration.ContinuityHalfSaturationVisits > 0, "calibration.continuityHalfSaturationVisits", "must be greater than zero.");
            errors.Require(calibration.ContinuityHalfLifeDays > 0, "calibration.continuityHalfLifeDays", "must be greater than zero.");
            errors.Require(calibration.ExperienceHalfLifeYears > 0, "calibration.experienceHalfLifeYears", "must be greater than zero.");
            errors.Require(calibration.TimeOfDayHalfLifeHours > 0, "calibration.timeOfDayHalfLifeHours", "must be greater than zero.");
        }

        errors.Require(knowledge.Compliance is not null, "compliance", "must not be null.");
        var payers = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (knowledge.PayerRules?.Count ?? 0); i++)
        {
            var rule = knowledge.PayerRules![i];
            errors.RequireId(rule?.PayerId, $"payerRules[{i}].payerId");
            errors.Require(rule?.PayerId is null || payers.Add(rule.PayerId), $"payerRules[{i}].payerId", "must not repeat an earlier rule's payer.");
        }

        return errors;
    }
}
