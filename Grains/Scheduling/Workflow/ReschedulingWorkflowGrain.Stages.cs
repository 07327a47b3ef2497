using Reroute.Interfaces.Scheduling;
using static System.FormattableString;

namespace Reroute.Grains.Scheduling.Workflow;

// Stages 1 to 4 and the carrying out of decided side effects.
public sealed partial class ReschedulingWorkflowGrain
{
    private async Task Detect()
    {
        var view = View;
        var trigger = view.Trigger;
        await Provider(trigger.ProviderId).AddUnavailability(new UnavailabilityPeriod { Start = trigger.Start, End = trigger.End, Reason = trigger.Reason });
        var affected = await GrainFactory.GetGrain<ITriggerDetectionGrain>(Tenant).Detect(trigger);
        view = view with { Appointments = affected };
        foreach (var appointment in affected)
        {
            view = Audit(view, WorkflowStage.TriggerDetection, "appointment_affected", appointment.AppointmentId, Invariant(
                $"priority {appointment.Priority:F2}; booked with provider {appointment.Original.ProviderId} at {appointment.Original.Start:O}"));
        }

        view = Completed(view, WorkflowStage.TriggerDetection, Invariant($"{affected.Count} affected appointments"));
        view = Started(view, WorkflowStage.CandidateFiltering);
        Stage(view, []);
    }

    private async Task PlanAll()
    {
        var view = View;
        var planned = await Planner.Plan(view.Appointments);
        view = view with { Appointments = planned };
        var rejections = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var appointment in planned)
        {
            foreach (var (filter, count) in appointment.Rejections)
            {
                rejections[filter] = rejections.GetValueOrDefault(filter) + count;
            }

            var rejected = string.Join(", ", appointment.Rejections.OrderBy(static r => r.Key, StringComparer.Ordinal).Select(static r => Invariant($"{r.Key} {r.Value}")));
            view = Audit(view, WorkflowStage.CandidateFiltering, "candidates_filtered", appointment.AppointmentId,
                rejected.Length == 0 ? "no candidate slot rejected" : "rejected slots: " + rejected);
            view = Audit(view, WorkflowStage.ScoringAndRanking, "candidates_ranked", appointment.AppointmentId, appointment.Proposal is { } proposal
                ? Invariant($"proposed provider {proposal.Slot.ProviderId} at {proposal.Slot.Start:O}, score {proposal.Score.Total:F2}; {appointment.Alternatives.Count} alternatives")
                : "no feasible slot");
        }

        view = Completed(view, WorkflowStage.CandidateFiltering, Invariant($"{rejections.Values.Sum()} candidate slots rejected by the hard filters"));
        view = Started(view, WorkflowStage.ScoringAndRanking);
        var assigned = planned.Where(static a => a.Proposal is not null).ToList();
        view = Completed(view, WorkflowStage.ScoringAndRanking, Invariant(
            $"{assigned.Count} of {planned.Count} appointments assigned jointly, total score {assigned.Sum(static a => a.Proposal!.Score.Total):F2}"));
        view = Started(view, WorkflowStage.QualityAssurance);
        view = view with
        {
            Compliance = view.Compliance with
            {
                FilterRejections = rejections,
                RulesChecked = [.. view.Compliance.RulesChecked.Union(CandidateFilter.EvaluationOrder.Select(CandidateFilter.NameOf), StringComparer.Ordinal)],
            },
        };
        Stage(view, []);
    }

    // Stage 4 for every appointment without a live proposal, then the side effects; repeated while a held slot turned
    // out to be taken (each repeat uses up an alternative).
    private async Task Advance()
    {
        for (var round = 0; round < MaxProposalRounds && Running; round++)
        {
            var view = View;
            var pending = state.State.PendingEffects.ToList();
            var waiting = view.Appointments.Where(static a => a.Status == AffectedAppointmentStatus.Detected).Select(static a => a.AppointmentId).ToList();
            if (waiting.Count > 0)
            {
                // The guardrails of every first choice run at once; only a proposal they turn down is followed up alone.
                var qa = GrainFactory.GetGrain<IQualityAssuranceGrain>(Tenant);
                var first = view.Appointments.Where(a => waiting.Contains(a.AppointmentId))
                    .Select(a => (a.AppointmentId, Proposal: a.Proposal ?? a.Alternatives.FirstOrDefault()))
                    .Where(static c => c.Proposal is not null)
                    .ToList();
                var verdicts = await Task.WhenAll(first.Select(c => qa.Check(c.AppointmentId, c.Proposal!)));
                var checkedFirst = first.Select((c, i) => (c.AppointmentId, Checked: (c.Proposal!, verdicts[i])))
                    .ToDictionary(static c => c.AppointmentId, static c => c.Checked, StringComparer.Ordinal);
                foreach (var appointmentId in waiting)
                {
                    view = await Decide(view, appointmentId, pending, checkedFirst.GetValueOrDefault(appointmentId));
                }

                if (view.CurrentStage == WorkflowStage.QualityAssurance)
                {
                    view = Completed(view, WorkflowStage.QualityAssurance, Invariant($"{view.Compliance.ProposalsChecked} proposals checked"));
                    view = Started(view, WorkflowStage.PatientConsent);
                }

                await Save(view, pending);
            }

            if (pending.Count == 0)
            {
                return;
            }

            var (after, remaining) = await CarryOut(view, pending);
            await Save(after, remaining);
            if (!after.Appointments.Any(static a => a.Status == AffectedAppointmentStatus.Detected))
            {
                return;
            }
        }
    }

    private async Task<WorkflowView> Decide(
        WorkflowView view, string appointmentId, List<string> pending, (ScoredCandidate Proposal, GuardrailVerdict Verdict) precheck)
    {
        var appointment = view.Appointments.Single(a => a.AppointmentId == appointmentId);
        while (true)
        {
            if (appointment.Proposal is null && appointment.Alternatives.Count == 0 && appointment.Replans < options.Value.MaxReplans)
            {
                // Other workflows took the ranked slots meanwhile: plan again on fresh calendars before giving up.
                (view, appointment) = await Replan(view, appointment, "alternatives_exhausted");
            }

            if (appointment.Proposal is null)
            {
                if (appointment.Alternatives.Count == 0)
                {
                    appointment = appointment with { Status = AffectedAppointmentStatus.Waitlisted, Alternatives = [] };
                    view = Audit(With(view, appointment), WorkflowStage.QualityAssurance, "waitlisted", appointmentId, "no acceptable slot left");
                    pending.Add(appointmentId);
                    return view;
                }

                appointment = appointment with { Proposal = appointment.Alternatives[0], Alternatives = [.. appointment.Alternatives.Skip(1)] };
            }

            var proposal = appointment.Proposal;
            var verdict = ReferenceEquals(proposal, precheck.Proposal)
                ? precheck.Verdict
                : await GrainFactory.GetGrain<IQualityAssuranceGrain>(Tenant).Check(appointmentId, proposal);
            view = view with
            {
                Compliance = view.Compliance with
                {
                    ProposalsChecked = view.Compliance.ProposalsChecked + 1,
                    RulesChecked = [.. view.Compliance.RulesChecked.Union(verdict.CheckedRules, StringComparer.Ordinal)],
                },
            };
            view = Audit(view, WorkflowStage.QualityAssurance, "guardrails_checked", appointmentId, Invariant(
                $"{Outcome(verdict.Outcome)} for provider {proposal.Slot.ProviderId} at {proposal.Slot.Start:O}")
                + (verdict.Reasons.Count > 0 ? "; " + string.Join("; ", verdict.Reasons) : string.Empty));
            switch (verdict.Outcome)
            {
                case GuardrailOutcome.Proceed or GuardrailOutcome.FlagAndProceed:
                    return Prepare(view, appointment with { Warnings = verdict.Warnings }, pending);
                case GuardrailOutcome.EscalateToHeadOfDepartment:
                    var caseId = Invariant($"{Id}-{appointmentId}-hod{view.Audit.Count(e => e.Event == WorkflowReport.Escalated && e.AppointmentId == appointmentId) + 1}");
                    appointment = appointment with { Status = AffectedAppointmentStatus.Escalated, EscalationId = caseId };
                    view = Audit(With(view, appointment), WorkflowStage.QualityAssurance, WorkflowReport.Escalated, appointmentId,
                        $"case {caseId}: " + string.Join("; ", verdict.Reasons));
                    pending.Add(appointmentId);
                    return view;
                case GuardrailOutcome.RejectToAgent when appointment.Replans < options.Value.MaxReplans:
                    (view, appointment) = await Replan(view, appointment, "rejected_to_agent");
                    break;
                default:
                    // Try the next provider (a business rule failed), or a rejected proposal the planner may not redo.
                    appointment = appointment with { Proposal = null };
                    break;
            }
        }
    }

    private async Task<(WorkflowView View, AffectedAppointment Appointment)> Replan(WorkflowView view, AffectedAppointment appointment, string why)
    {
        var replanned = (await Planner.Plan([appointment with { Proposal = null, Alternatives = [] }]))[0];
        appointment = appointment with { Proposal = replanned.Proposal, Alternatives = replanned.Alternatives, Replans = appointment.Replans + 1 };
        view = Audit(With(view, appointment), WorkflowStage.ScoringAndRanking, "replanned", appointment.AppointmentId, $"{why}: " + (replanned.Proposal is { } again
            ? Invariant($"proposed provider {again.Slot.ProviderId} at {again.Slot.Start:O}; {replanned.Alternatives.Count} alternatives")
            : "no feasible slot"));
        return (view, appointment);
    }

    // Records the decision to offer the appointment's proposal; the hold and the offer follow in CarryOut.
    private WorkflowView Prepare(WorkflowView view, AffectedAppointment appointment, List<string> pending)
    {
        var offerId = Invariant($"{Id}-{appointment.AppointmentId}-{appointment.OfferIds.Count + 1}");
        var slot = appointment.Proposal!.Slot;
        appointment = appointment with { Status = AffectedAppointmentStatus.Offered, OfferIds = [.. appointment.OfferIds, offerId], EscalationId = null };
        pending.Add(appointment.AppointmentId);
        return Audit(With(view, appointment), WorkflowStage.PatientConsent, "offer_prepared", appointment.AppointmentId, Invariant(
            $"offer {offerId}: provider {slot.ProviderId} at {slot.Start:O}, clinic {slot.ClinicId}")
            + (appointment.Warnings.Count > 0 ? "; flagged: " + string.Join("; ", appointment.Warnings) : string.Empty));
    }

    // Carries out the decided effects, the appointments' at once (each touches its own offer, slot and records); each
    // effect is idempotent, so one that already happened before a crash is harmless. Their outcomes are applied to the
    // view in the order decided, so the audit trail does not depend on which call finished first.
    private async Task<(WorkflowView View, List<string> Remaining)> CarryOut(WorkflowView view, List<string> pending)
    {
        var ids = pending.Distinct(StringComparer.Ordinal).ToList();
        var outcomes = await Task.WhenAll(ids
            .Select(id => view.Appointments.FirstOrDefault(a => a.AppointmentId == id))
            .OfType<AffectedAppointment>()
            .Select(a => CarryOut(view, a)));
        foreach (var outcome in outcomes)
        {
            view = outcome(view);
        }

        foreach (var id in ids)
        {
            if (view.Backfills.FirstOrDefault(b => b.BackfillId == id) is { } backfill)
            {
                view = await CarryOut(view, backfill);
            }
        }

        return (view, []);
    }

    private async Task<Func<WorkflowView, WorkflowView>> CarryOut(WorkflowView view, AffectedAppointment appointment)
    {
        switch (appointment.Status)
        {
            case AffectedAppointmentStatus.Offered:
                return await OpenOffer(appointment);
            case AffectedAppointmentStatus.Escalated:
                await Escalations.Open(new EscalationCase
                {
                    CaseId = appointment.EscalationId!,
                    WorkflowId = Id,
                    AppointmentId = appointment.AppointmentId,
                    PatientId = appointment.PatientId,
                    Proposal = appointment.Proposal!,
                    Reasons = [view.Audit.Last(e => e.Event == WorkflowReport.Escalated && e.AppointmentId == appointment.AppointmentId).Detail],
                    CandidateProviderIds = [.. appointment.Alternatives.Select(static a => a.Slot.ProviderId).Distinct(StringComparer.Ordinal)],
                });
                break;
            case AffectedAppointmentStatus.Waitlisted:
                await GrainFactory.GetGrain<IWaitlistGrain>(SchedulingKeys.OfWaitlist(Tenant, appointment.Original.ClinicId, appointment.Discipline))
                    .Add(appointment.PatientId, AppointmentPriority.ForWaitlist(appointment.Priority, options.Value));
                await Appointment(appointment.AppointmentId).ChangeStatus(AppointmentStatus.Waitlist, $"waitlisted by workflow {Id}");
                break;
        }

        return static v => v;
    }

    private async Task<Func<WorkflowView, WorkflowView>> OpenOffer(AffectedAppointment appointment)
    {
        var offerId = appointment.OfferIds[^1];
        var slot = appointment.Proposal!.Slot;
        if (await Offer(offerId).Get() is not null)
        {
            return static v => v;
        }

        try
        {
            await Provider(slot.ProviderId).HoldSlot(offerId, RangeOf(slot));
        }
        catch (SlotBookingException taken)
        {
            // Another workflow or a person took the slot since planning: back to stage 4 with the next alternative.
            return v => Audit(With(v, appointment with { Status = AffectedAppointmentStatus.Detected, Proposal = null }),
                WorkflowStage.PatientConsent, "slot_taken", appointment.AppointmentId, $"offer {offerId}: {taken.Message}");
        }

        var offer = await Offer(offerId).Open(new OfferRequest
        {
            OfferId = offerId,
            WorkflowId = Id,
            Kind = OfferKind.Reschedule,
            AppointmentId = appointment.AppointmentId,
            PatientId = appointment.PatientId,
            Slot = slot,
            Discipline = appointment.Discipline,
            OriginalStart = appointment.Original.Start,
            Warnings = appointment.Warnings,
        });
        if (offer.Status == OfferStatus.Expired)
        {
            // The slot came inside minimum notice since it was checked: not sent, so back to stage 4 like a taken slot.
            await Provider(slot.ProviderId).ReleaseSlot(offerId);
            return v => Audit(With(v, appointment with { Status = AffectedAppointmentStatus.Detected, Proposal = null }),
                WorkflowStage.PatientConsent, SlotTooSoon, appointment.AppointmentId, Invariant($"offer {offerId} not sent: provider {slot.ProviderId} at {slot.Start:O}"));
        }

        return v => Audit(v, WorkflowStage.PatientConsent, "offer_sent", appointment.AppointmentId, Invariant(
            $"offer {offerId} sent by {offer.Channel}, expires {offer.ExpiresAt:O}"));
    }

    private async Task CompleteIfSettled()
    {
        var view = View;
        if (!Running || (view.CurrentStage < WorkflowStage.PatientConsent && view.Appointments.Count > 0)
            || state.State.PendingEffects.Count > 0 || !WorkflowReport.IsSettled(view))
        {
            return;
        }

        view = Completed(view, WorkflowStage.QualityAssurance, Invariant($"{view.Compliance.ProposalsChecked} proposals checked"));
        view = Completed(view, WorkflowStage.PatientConsent, Invariant($"{view.Audit.Count(static e => e.Event == "offer_sent")} offers sent"));
        view = Completed(view, WorkflowStage.BookingAndBackfill, Invariant(
            $"{view.Appointments.Count(static a => a.Status == AffectedAppointmentStatus.Rebooked)} booked, {view.Backfills.Count(static b => b.Status == BackfillStatus.Filled)} slots backfilled"));
        view = Started(view, WorkflowStage.AuditAndReporting);

        // The compliance report re-verifies every booking against the rules as they stand, independently of the
        // checks that led to it; a finding a head of department approved is an exception, not a violation.
        var approved = view.Compliance.ApprovedExceptions.Select(static e => e[..e.IndexOf(':', StringComparison.Ordinal)]).ToHashSet(StringComparer.Ordinal);
        var booked = view.Appointments.Where(static a => a.Status == AffectedAppointmentStatus.Rebooked).Select(static a => a.AppointmentId)
            .Concat(view.Backfills.Where(static b => b.Status == BackfillStatus.Filled).Select(static b => b.AppointmentId!))
            .Distinct(StringComparer.Ordinal);
        var qa = GrainFactory.GetGrain<IQualityAssuranceGrain>(Tenant);
        var verified = booked.Where(id => !approved.Contains(id)).ToList();
        var findings = await Task.WhenAll(verified.Select(qa.ComplianceFindings));
        var violations = verified.SelectMany((id, i) => findings[i].Select(f => $"{id}: {f}")).ToList();

        view = view with
        {
            Compliance = view.Compliance with
            {
                Violations = violations,
                RulesChecked = [.. view.Compliance.RulesChecked.Union(Guardrails.ComplianceRuleNames, StringComparer.Ordinal)],
                AuditChainIntact = AuditChain.Verify(view.Audit),
            },
        };
        var summary = WorkflowReport.Summarize(view);
        view = Audit(view, WorkflowStage.AuditAndReporting, "workflow_completed", null, Invariant(
            $"processed {summary.AppointmentsProcessed}, reassigned {summary.SuccessfullyReassigned}, waitlisted {summary.Waitlisted}, escalated {summary.EscalatedToHod}, backfilled {summary.Backfilled}, declined {summary.Declined}, expired {summary.Expired}, cancelled {summary.Cancelled}; {violations.Count} compliance violations"));
        view = Completed(view, WorkflowStage.AuditAndReporting, Invariant($"{view.Audit.Count} audit entries; {violations.Count} compliance violations"));
        view = view with { Status = WorkflowStatus.Completed, CompletedAt = Time.GetUtcNow() };
        await Save(view, []);
        await Finish(view);
        LogEnded(logger, Id, WorkflowStatus.Completed);
    }

    private static string Outcome(GuardrailOutcome outcome) => outcome switch
    {
        GuardrailOutcome.Proceed => "proceed",
        GuardrailOutcome.FlagAndProceed => "flag_and_proceed",
        GuardrailOutcome.TryNextProvider => "try_next_provider",
        GuardrailOutcome.EscalateToHeadOfDepartment => "escalate_to_head_of_department",
        _ => "reject_to_agent",
    };
}
