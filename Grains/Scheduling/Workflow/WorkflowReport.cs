using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>Stage 7's arithmetic: the summary counts from the appointments, backfills and audit trail of a workflow.</summary>
public static class WorkflowReport
{
    /// <summary>The audit event of an offer the patient declined.</summary>
    public const string OfferDeclined = "offer_declined";

    /// <summary>The audit event of an offer that expired unanswered.</summary>
    public const string OfferExpired = "offer_expired";

    /// <summary>The audit event of an escalation to the head of department.</summary>
    public const string Escalated = "escalated_to_hod";

    /// <summary>The summary of <paramref name="view"/> as it stands.</summary>
    public static WorkflowSummary Summarize(WorkflowView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var final = new[] { AffectedAppointmentStatus.Rebooked, AffectedAppointmentStatus.Waitlisted, AffectedAppointmentStatus.Cancelled };
        return new WorkflowSummary
        {
            AppointmentsProcessed = view.Appointments.Count,
            SuccessfullyReassigned = view.Appointments.Count(static a => a.Status == AffectedAppointmentStatus.Rebooked),
            Waitlisted = view.Appointments.Count(static a => a.Status == AffectedAppointmentStatus.Waitlisted),
            Cancelled = view.Appointments.Count(static a => a.Status == AffectedAppointmentStatus.Cancelled),
            Open = view.Appointments.Count(a => !final.Contains(a.Status)),
            EscalatedToHod = view.Audit.Where(static e => e.Event == Escalated).Select(static e => e.AppointmentId).Distinct().Count(),
            Backfilled = view.Backfills.Count(static b => b.Status == BackfillStatus.Filled),
            Declined = view.Audit.Count(static e => e.Event == OfferDeclined),
            Expired = view.Audit.Count(static e => e.Event == OfferExpired),
        };
    }

    /// <summary>Whether every appointment and every backfill has reached a final state.</summary>
    public static bool IsSettled(WorkflowView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.Appointments.All(static a => a.Status is AffectedAppointmentStatus.Rebooked or AffectedAppointmentStatus.Waitlisted or AffectedAppointmentStatus.Cancelled)
            && view.Backfills.All(static b => b.Status != BackfillStatus.Offered);
    }
}
