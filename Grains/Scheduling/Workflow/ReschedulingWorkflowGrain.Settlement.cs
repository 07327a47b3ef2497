using Reroute.Interfaces.Scheduling;
using static System.FormattableString;

namespace Reroute.Grains.Scheduling.Workflow;

// Stage 5's answers and stage 6: booking, moving on after a decline or expiry, backfilling freed slots, and carrying out
// heads of department's decisions.
public sealed partial class ReschedulingWorkflowGrain
{
    /// <inheritdoc />
    /// <remarks>
    /// Settles every outstanding offer that has been answered or has expired, not only <paramref name="offerId"/>: answers
    /// arriving together are settled in one turn and one write, and the calls queued behind it find nothing left to do.
    /// </remarks>
    public async Task<WorkflowView> SettleOffer(string offerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(offerId);
        var view = View;
        if (!Running)
        {
            return view;
        }

        var outstanding = OutstandingOffers(view);
        if (!outstanding.Contains(offerId))
        {
            // Settled before (a repeated notification), or not an offer of this workflow.
            return view;
        }

        var now = Time.GetUtcNow();
        var offers = await Task.WhenAll(outstanding.Select(async id =>
        {
            var offer = await Offer(id).Get();
            return offer is { Status: OfferStatus.Open } && OfferDeadline.HasPassed(offer, now) ? await Offer(id).ExpireIfDue() : offer;
        }));
        var settled = offers.Where(static o => o is not null && o.Status != OfferStatus.Open).Select(static o => o!).ToList();
        if (settled.Count == 0)
        {
            return view;
        }

        var pending = state.State.PendingEffects.ToList();
        view = Started(view, WorkflowStage.BookingAndBackfill);
        foreach (var offer in settled)
        {
            var appointment = view.Appointments.FirstOrDefault(a => a.Status == AffectedAppointmentStatus.Offered && a.OfferIds[^1] == offer.OfferId);
            var backfill = view.Backfills.FirstOrDefault(b => b.Status == BackfillStatus.Offered && b.CurrentOfferId == offer.OfferId);
            view = appointment is not null ? await Settle(view, appointment, offer, pending)
                : backfill is not null ? await Settle(view, backfill, offer, pending)
                : view;
        }

        await Save(view, pending);
        await Advance();
        await CompleteIfSettled();
        return View;
    }

    /// <inheritdoc />
    public async Task<WorkflowView> ResolveEscalation(string caseId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(caseId);
        var view = View;
        var appointment = view.Appointments.FirstOrDefault(a => a.Status == AffectedAppointmentStatus.Escalated && a.EscalationId == caseId);
        if (!Running || appointment is null || await Escalations.Get(caseId) is not { Status: EscalationStatus.Resolved, Resolution: { } decision } escalation)
        {
            return view;
        }

        var pending = state.State.PendingEffects.ToList();
        var by = Invariant($"case {caseId} decided by {(decision.ResolvedBy.Length > 0 ? decision.ResolvedBy : "unknown")}");
        switch (decision.Action)
        {
            case EscalationAction.ApproveProvider:
                var proposal = decision.ProviderId is null || decision.ProviderId == escalation.Proposal.Slot.ProviderId
                    ? escalation.Proposal
                    : appointment.Alternatives.FirstOrDefault(a => a.Slot.ProviderId == decision.ProviderId);
                if (proposal is null)
                {
                    goto case EscalationAction.Waitlist;
                }

                view = view with
                {
                    Compliance = view.Compliance with
                    {
                        ApprovedExceptions = [.. view.Compliance.ApprovedExceptions, $"{appointment.AppointmentId}: {string.Join("; ", escalation.Reasons)} ({by})"],
                    },
                };
                view = Audit(view, WorkflowStage.QualityAssurance, "hod_approved", appointment.AppointmentId, Invariant(
                    $"{by}: provider {proposal.Slot.ProviderId} at {proposal.Slot.Start:O}"));
                view = Prepare(view, appointment with
                {
                    Proposal = proposal,
                    Alternatives = [.. appointment.Alternatives.Where(a => a != proposal)],
                }, pending);
                break;
            case EscalationAction.Waitlist:
                view = Audit(With(view, Final(appointment, AffectedAppointmentStatus.Waitlisted, null) with { Proposal = null }),
                    WorkflowStage.QualityAssurance, "waitlisted", appointment.AppointmentId, by);
                pending.Add(appointment.AppointmentId);
                break;
            default:
                await Appointment(appointment.AppointmentId).ChangeStatus(AppointmentStatus.Cancelled, $"cancelled by head of department ({caseId})");
                view = Audit(With(view, Final(appointment, AffectedAppointmentStatus.Cancelled, null) with { Proposal = null }),
                    WorkflowStage.QualityAssurance, "cancelled", appointment.AppointmentId, by);
                break;
        }

        await Save(view, pending);
        await Advance();
        await CompleteIfSettled();
        return View;
    }

    private async Task<WorkflowView> Settle(WorkflowView view, AffectedAppointment appointment, ConsentOffer offer, List<string> pending)
    {
        var slot = appointment.Proposal!.Slot;
        if (offer.Status != OfferStatus.Accepted)
        {
            await Provider(slot.ProviderId).ReleaseSlot(offer.OfferId);
            view = Audit(view, WorkflowStage.BookingAndBackfill, Answered(offer.Status), appointment.AppointmentId, Invariant($"offer {offer.OfferId}"));
            view = With(view, appointment with { Status = AffectedAppointmentStatus.Detected, Proposal = null, Warnings = [] });
            return StartBackfill(view, slot, appointment.Discipline, pending);
        }

        // Effects first, state after: each is idempotent, so a crash in between is repaired by settling again.
        try
        {
            await Provider(slot.ProviderId).CommitSlot(offer.OfferId);
        }
        catch (SlotBookingException lost)
        {
            // A refused commit (the slot started meanwhile) leaves the hold in place: release it, nothing stays half-booked.
            await Provider(slot.ProviderId).ReleaseSlot(offer.OfferId);
            view = Audit(view, WorkflowStage.BookingAndBackfill, "hold_lost", appointment.AppointmentId, $"offer {offer.OfferId}: {lost.Message}");
            return With(view, appointment with { Status = AffectedAppointmentStatus.Detected, Proposal = null });
        }

        await Appointment(appointment.AppointmentId).Reschedule(new AppointmentMove
        {
            ProviderId = slot.ProviderId,
            ClinicId = slot.ClinicId,
            Start = slot.Start,
            End = slot.End,
            Reason = OfferGrain.RescheduledReason(Id),
        });
        await Offer(offer.OfferId).Confirm();
        view = Audit(view, WorkflowStage.PatientConsent, "offer_accepted", appointment.AppointmentId, Invariant($"offer {offer.OfferId} via {offer.AnsweredVia}"));
        view = Audit(view, WorkflowStage.BookingAndBackfill, "booked", appointment.AppointmentId, Invariant(
            $"provider {slot.ProviderId} at {slot.Start:O}, clinic {slot.ClinicId}; confirmation sent"));
        view = With(view, Final(appointment, AffectedAppointmentStatus.Rebooked, slot));

        // The visit's old slot is free for someone else only if its provider is still there at that time.
        var original = appointment.Original;
        var before = await Provider(original.ProviderId).Get();
        return before is not null && new ProviderCalendar(before).UnavailableDuring(original.Start, original.End) is null
            ? StartBackfill(view, original, appointment.Discipline, pending)
            : view;
    }

    private async Task<WorkflowView> Settle(WorkflowView view, BackfillSlot backfill, ConsentOffer offer, List<string> pending)
    {
        var slot = backfill.Slot;
        if (offer.Status != OfferStatus.Accepted)
        {
            await Provider(slot.ProviderId).ReleaseSlot(offer.OfferId);
            view = Audit(view, WorkflowStage.BookingAndBackfill, Answered(offer.Status), null, Invariant($"backfill offer {offer.OfferId} to patient {offer.PatientId}"));
            return NextBackfillPatient(With(view, backfill with { CurrentOfferId = null }), backfill.BackfillId, pending);
        }

        try
        {
            await Provider(slot.ProviderId).CommitSlot(offer.OfferId);
        }
        catch (SlotBookingException lost)
        {
            await Provider(slot.ProviderId).ReleaseSlot(offer.OfferId);
            view = Audit(view, WorkflowStage.BookingAndBackfill, "hold_lost", null, $"backfill offer {offer.OfferId}: {lost.Message}");
            return With(view, backfill with { Status = BackfillStatus.Exhausted, CurrentOfferId = null });
        }

        // A patient this workflow waitlisted gets their own appointment moved; anyone else gets a new appointment.
        var ours = view.Appointments.FirstOrDefault(a => a.PatientId == offer.PatientId && a.Status == AffectedAppointmentStatus.Waitlisted && a.Discipline == backfill.Discipline);
        string appointmentId;
        if (ours is not null)
        {
            appointmentId = ours.AppointmentId;
            await Appointment(appointmentId).Reschedule(new AppointmentMove
            {
                ProviderId = slot.ProviderId,
                ClinicId = slot.ClinicId,
                Start = slot.Start,
                End = slot.End,
                Reason = $"backfilled by workflow {Id}",
            });
            view = With(view, Final(ours, AffectedAppointmentStatus.Rebooked, slot));
        }
        else
        {
            appointmentId = backfill.BackfillId;
            await Appointment(appointmentId).Upsert(new Appointment
            {
                Id = appointmentId,
                PatientId = offer.PatientId,
                ProviderId = slot.ProviderId,
                ClinicId = slot.ClinicId,
                Start = slot.Start,
                End = slot.End,
                Discipline = backfill.Discipline,
            });
        }

        await GrainFactory.GetGrain<IWaitlistGrain>(SchedulingKeys.OfWaitlist(Tenant, slot.ClinicId, backfill.Discipline)).Remove(offer.PatientId);
        if (ours is not null && ours.Original.ClinicId != slot.ClinicId)
        {
            await GrainFactory.GetGrain<IWaitlistGrain>(SchedulingKeys.OfWaitlist(Tenant, ours.Original.ClinicId, ours.Discipline)).Remove(offer.PatientId);
        }

        await Offer(offer.OfferId).Confirm();
        view = Audit(view, WorkflowStage.BookingAndBackfill, "backfilled", ours?.AppointmentId, Invariant(
            $"{backfill.BackfillId}: patient {offer.PatientId} booked as appointment {appointmentId} with provider {slot.ProviderId} at {slot.Start:O}; confirmation sent"));
        return With(view, backfill with { Status = BackfillStatus.Filled, AppointmentId = appointmentId, CurrentOfferId = null });
    }

    // A final appointment keeps where it ended up; its remaining alternatives are of no further use and would only make
    // every later write of the workflow larger.
    private static AffectedAppointment Final(AffectedAppointment appointment, AffectedAppointmentStatus status, CandidateSlot? slot) =>
        appointment with { Status = status, Final = slot, Alternatives = [], EscalationId = null };

    private WorkflowView StartBackfill(WorkflowView view, CandidateSlot slot, string discipline, List<string> pending)
    {
        var backfillId = Invariant($"{Id}-bf{view.Backfills.Count + 1}");
        view = view with { Backfills = [.. view.Backfills, new BackfillSlot { BackfillId = backfillId, Slot = slot, Discipline = discipline }] };
        view = Audit(view, WorkflowStage.BookingAndBackfill, "slot_freed", null, Invariant($"{backfillId}: provider {slot.ProviderId} at {slot.Start:O}, clinic {slot.ClinicId}"));
        return NextBackfillPatient(view, backfillId, pending);
    }

    // The patient is chosen when the effect is carried out (it reads the waitlist); here the backfill only waits for it.
    private static WorkflowView NextBackfillPatient(WorkflowView view, string backfillId, List<string> pending)
    {
        var backfill = view.Backfills.Single(b => b.BackfillId == backfillId);
        pending.Add(backfillId);
        return With(view, backfill with { Status = BackfillStatus.Offered, CurrentOfferId = null });
    }

    private async Task<WorkflowView> CarryOut(WorkflowView view, BackfillSlot backfill)
    {
        if (backfill.Status != BackfillStatus.Offered)
        {
            return view;
        }

        var offerId = backfill.CurrentOfferId;
        if (offerId is null)
        {
            // Nobody with an open offer from this workflow is asked twice at once, nor anyone who already had this slot.
            var busy = view.Appointments.Where(static a => a.Status == AffectedAppointmentStatus.Offered).Select(static a => a.PatientId)
                .Concat(backfill.TriedPatientIds)
                .Concat(view.Backfills.Where(b => b.Status == BackfillStatus.Offered && b.CurrentOfferId is not null && b.BackfillId != backfill.BackfillId)
                    .Select(static b => b.TriedPatientIds[^1]))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            var patientId = await Planner.FindBackfillPatient(backfill.Slot, backfill.Discipline, busy);
            if (patientId is null)
            {
                view = Audit(view, WorkflowStage.BookingAndBackfill, "backfill_exhausted", null, Invariant(
                    $"{backfill.BackfillId}: no eligible waitlisted patient left ({backfill.TriedPatientIds.Count} asked)"));
                return With(view, backfill with { Status = BackfillStatus.Exhausted });
            }

            offerId = Invariant($"{backfill.BackfillId}-{backfill.TriedPatientIds.Count + 1}");
            backfill = backfill with { CurrentOfferId = offerId, TriedPatientIds = [.. backfill.TriedPatientIds, patientId] };
            view = Audit(With(view, backfill), WorkflowStage.BookingAndBackfill, "backfill_offer_prepared", null, Invariant($"offer {offerId} to patient {patientId}"));

            // The choice is written before the hold and the offer, so a crash cannot make it pick someone else for the same offer id.
            await Save(view, [.. state.State.PendingEffects.Where(id => id != backfill.BackfillId), backfill.BackfillId]);
        }

        if (await Offer(offerId).Get() is not null)
        {
            return view;
        }

        try
        {
            await Provider(backfill.Slot.ProviderId).HoldSlot(offerId, RangeOf(backfill.Slot));
        }
        catch (SlotBookingException taken)
        {
            view = Audit(view, WorkflowStage.BookingAndBackfill, "backfill_slot_taken", null, $"{backfill.BackfillId}: {taken.Message}");
            return With(view, backfill with { Status = BackfillStatus.Exhausted, CurrentOfferId = null });
        }

        var offer = await Offer(offerId).Open(new OfferRequest
        {
            OfferId = offerId,
            WorkflowId = Id,
            Kind = OfferKind.Backfill,
            BackfillId = backfill.BackfillId,
            PatientId = backfill.TriedPatientIds[^1],
            Slot = backfill.Slot,
            Discipline = backfill.Discipline,
        });
        if (offer.Status == OfferStatus.Expired)
        {
            // Inside minimum notice already: no waitlisted patient can be given this slot any more.
            await Provider(backfill.Slot.ProviderId).ReleaseSlot(offerId);
            view = Audit(view, WorkflowStage.BookingAndBackfill, SlotTooSoon, null, Invariant($"{backfill.BackfillId}: backfill offer {offerId} not sent"));
            return With(view, backfill with { Status = BackfillStatus.Exhausted, CurrentOfferId = null });
        }

        return Audit(view, WorkflowStage.BookingAndBackfill, "offer_sent", null, Invariant($"backfill offer {offerId} sent by {offer.Channel}, expires {offer.ExpiresAt:O}"));
    }

    private static string Answered(OfferStatus status) => status switch
    {
        OfferStatus.Declined => WorkflowReport.OfferDeclined,
        OfferStatus.Expired => WorkflowReport.OfferExpired,
        _ => "offer_withdrawn",
    };
}
