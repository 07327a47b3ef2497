using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>
/// Stage 1's priority of an affected appointment: clinical priority first (a step outweighs the rest at the default
/// weights), then how soon the visit is, then how close the plan of care is to lapsing with visits left.
/// </summary>
public static class AppointmentPriority
{
    /// <summary>The priority of <paramref name="appointment"/> at <paramref name="now"/>; higher is served first.</summary>
    public static double Of(Appointment appointment, PatientProfile? patient, DateTimeOffset now, WorkflowOptions options)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        ArgumentNullException.ThrowIfNull(options);
        var clinical = (int)appointment.Priority * options.ClinicalPriorityWeight;
        var daysUntil = Math.Max(0, (appointment.Start - now).TotalDays);
        var proximity = options.ProximityWeight / (1 + daysUntil);
        var planRisk = 0.0;
        if (patient?.PlanOfCare is { } plan && plan.VisitsUsed < plan.VisitsAuthorized)
        {
            var daysToLapse = Math.Max(0, plan.ExpiresOn.DayNumber - DateOnly.FromDateTime(now.UtcDateTime).DayNumber);
            planRisk = options.PlanOfCareRiskWeight / (1 + daysToLapse);
        }

        return clinical + proximity + planRisk;
    }

    /// <summary>The waitlist priority (0 to the waitlist's maximum) for an appointment of workflow priority <paramref name="priority"/>.</summary>
    public static int ForWaitlist(double priority, WorkflowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var top = (2 * options.ClinicalPriorityWeight) + options.ProximityWeight + options.PlanOfCareRiskWeight;
        return top <= 0 ? 0 : (int)Math.Round(Math.Clamp(priority / top, 0, 1) * SchedulingLimits.MaxWaitlistPriority);
    }
}
