using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Reroute.Grains.Scheduling;
using Reroute.Grains.Scheduling.Workflow;
using Reroute.Grains.Tests.Scheduling.Entities;
using Reroute.Interfaces.Scheduling;
using Reroute.Runtime;
using Reroute.Runtime.Testing;
using Reroute.Runtime.Timers;

namespace Reroute.Grains.Tests.Scheduling.Workflow;

public sealed class WorkflowTests
{
    private static readonly string[] AcceptedTrail =
    [
        "appointment_affected", "candidates_filtered", "candidates_ranked", "guardrails_checked", "offer_prepared", "offer_sent",
        "offer_accepted", "booked",
    ];

    // Longer than the three days from the scenario's "now" to the replacement slots, so the slot, not the lifetime, decides.
    private static readonly TimeSpan WeekLongLifetime = TimeSpan.FromDays(7);

    [Fact]
    public async Task Accepted_offers_move_every_appointment_book_the_slots_and_complete_with_a_full_audit_trail()
    {
        await using var silo = await TestSilo.StartAsync(WorkflowWorld.Options());
        await WorkflowWorld.SeedAsync(silo, appointments: 3);

        var (started, created) = await silo.Desk().TriggerAsync(WorkflowWorld.Tenant, WorkflowWorld.Trigger);
        Assert.True(created);
        Assert.Equal(WorkflowStage.PatientConsent, started.CurrentStage);
        Assert.All(started.Appointments, a => Assert.Equal(AffectedAppointmentStatus.Offered, a.Status));

        foreach (var appointment in started.Appointments)
        {
            Assert.Equal(OfferReplyOutcome.Accepted, (await WorkflowWorld.Answer(silo, appointment.PatientId, appointment.OfferIds[^1], OfferAnswer.Accept)).Outcome);
        }

        var done = (await silo.Workflow(started.WorkflowId).Get())!;
        Assert.Equal(WorkflowStatus.Completed, done.Status);
        Assert.Equal(new WorkflowSummary { AppointmentsProcessed = 3, SuccessfullyReassigned = 3 }, done.Summary);
        Assert.Empty(done.Compliance.Violations);
        Assert.True(done.Compliance.AuditChainIntact);
        Assert.True(AuditChain.Verify(done.Audit));
        Assert.Contains("license_status", done.Compliance.RulesChecked);
        Assert.All(done.Stages, s => Assert.NotNull(s.CompletedAt));

        var slots = new HashSet<(string, DateTimeOffset)>();
        foreach (var appointment in done.Appointments)
        {
            var trail = done.Audit.Where(e => e.AppointmentId == appointment.AppointmentId).Select(e => e.Event).ToList();
            Assert.Equal(AcceptedTrail, trail);

            var record = (await silo.Get<IAppointmentGrain>(appointment.AppointmentId).Get())!;
            Assert.Equal(appointment.Final!.ProviderId, record.Appointment.ProviderId);
            Assert.Equal(appointment.Final.Start, record.Appointment.Start);
            Assert.Equal(AppointmentStatus.Booked, record.Appointment.Status);
            Assert.Contains(done.WorkflowId, record.History[^1].Reason, StringComparison.Ordinal);
            Assert.True(slots.Add((record.Appointment.ProviderId, record.Appointment.Start)), "two appointments share a slot");

            var booking = Assert.Single(await silo.Get<IProviderGrain>(record.Appointment.ProviderId).GetBookings(), b => b.BookingId == appointment.OfferIds[^1]);
            Assert.False(booking.Held);
            var messages = await silo.Get<IOutboxGrain>(appointment.PatientId).List(10);
            Assert.Equal([OfferGrain.ConfirmationMessageId(appointment.OfferIds[^1]), appointment.OfferIds[^1]], messages.Select(m => m.MessageId));
        }

        Assert.Empty(await silo.Get<IProviderGrain>("T001").GetAppointments(WorkflowWorld.Trigger.Start, WorkflowWorld.Trigger.End));
        var listed = Assert.Single(await silo.Desk().ListAsync(WorkflowWorld.Tenant, WorkflowStatus.Completed, 10));
        Assert.Equal(done.WorkflowId, listed.WorkflowId);
    }

    [Fact]
    public async Task A_declined_offer_moves_on_to_the_next_alternative_and_its_slot_is_backfilled_from_the_waitlist()
    {
        await using var silo = await TestSilo.StartAsync(WorkflowWorld.Options());
        await WorkflowWorld.SeedAsync(silo, appointments: 1);
        var scenario = SchedulingScenario.Passing();
        await silo.Get<IPatientGrain>("W1").Upsert(WorkflowWorld.Patient(scenario, "W1"));
        await silo.Get<IWaitlistGrain>("C2:PT").Add("W1", priority: 50);

        var (started, _) = await silo.Desk().TriggerAsync(WorkflowWorld.Tenant, WorkflowWorld.Trigger);
        var first = started.Appointments[0];
        var declinedSlot = first.Proposal!.Slot;
        await WorkflowWorld.Answer(silo, "P1", first.OfferIds[^1], OfferAnswer.Decline);

        var afterDecline = (await silo.Workflow(started.WorkflowId).Get())!;
        var moved = afterDecline.Appointments[0];
        Assert.Equal(2, moved.OfferIds.Count);
        Assert.NotEqual(declinedSlot, moved.Proposal!.Slot);
        var backfill = Assert.Single(afterDecline.Backfills);
        Assert.Equal(declinedSlot, backfill.Slot);
        Assert.Equal(["W1"], backfill.TriedPatientIds);

        await WorkflowWorld.Answer(silo, "W1", backfill.CurrentOfferId!, OfferAnswer.Accept);
        await WorkflowWorld.Answer(silo, "P1", moved.OfferIds[^1], OfferAnswer.Accept);

        var done = (await silo.Workflow(started.WorkflowId).Get())!;
        Assert.Equal(WorkflowStatus.Completed, done.Status);
        Assert.Equal(new WorkflowSummary { AppointmentsProcessed = 1, SuccessfullyReassigned = 1, Declined = 1, Backfilled = 1 }, done.Summary);
        var filled = Assert.Single(done.Backfills);
        var booked = (await silo.Get<IAppointmentGrain>(filled.AppointmentId!).Get())!.Appointment;
        Assert.Equal(("W1", declinedSlot.ProviderId, declinedSlot.Start), (booked.PatientId, booked.ProviderId, booked.Start));
        Assert.Empty(await silo.Get<IWaitlistGrain>("C2:PT").List());
    }

    [Fact]
    public async Task An_unanswered_offer_expires_by_its_reminder_and_the_patient_is_offered_the_next_slot()
    {
        await using var silo = await TestSilo.StartAsync(WorkflowWorld.Options());
        var started = await WorkflowWorld.TriggerOneAsync(silo);
        var firstOffer = started.Appointments[0].OfferIds[^1];

        silo.Time.Advance(TimeSpan.FromHours(23));
        Assert.Equal(OfferStatus.Open, (await silo.Get<IOfferGrain>(firstOffer).Get())!.Status);
        silo.Time.Advance(TimeSpan.FromHours(1));

        var moved = await WorkflowWorld.Eventually(() => silo.Workflow(started.WorkflowId).Get(), v => v!.Appointments[0].OfferIds.Count == 2);
        Assert.Equal(OfferStatus.Expired, (await silo.Get<IOfferGrain>(firstOffer).Get())!.Status);
        Assert.Equal(1, moved!.Summary.Expired);
        Assert.DoesNotContain(await silo.Get<IProviderGrain>(started.Appointments[0].Proposal!.Slot.ProviderId).GetBookings(), b => b.BookingId == firstOffer);

        // An answer to the expired offer changes nothing.
        var late = await WorkflowWorld.Answer(silo, "P1", firstOffer, OfferAnswer.Accept);
        Assert.Equal(OfferReplyOutcome.Expired, late.Outcome);
        Assert.Equal(AppointmentStatus.Booked, (await silo.Get<IAppointmentGrain>("A1").Get())!.Appointment.Status);
        Assert.Equal("T001", (await silo.Get<IAppointmentGrain>("A1").Get())!.Appointment.ProviderId);
    }

    [Fact]
    public async Task A_hundred_concurrent_accepts_of_one_offer_make_one_booking()
    {
        await using var silo = await TestSilo.StartAsync(WorkflowWorld.Options());
        var started = await WorkflowWorld.TriggerOneAsync(silo);
        var offerId = started.Appointments[0].OfferIds[^1];
        var nonce = await WorkflowWorld.NonceFromMessage(silo, "P1", offerId);

        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() =>
            silo.Desk().AnswerAsync(WorkflowWorld.Tenant, offerId, new OfferReply { Answer = OfferAnswer.Accept, Nonce = nonce }))));

        Assert.Equal(1, answers.Count(a => a.Outcome == OfferReplyOutcome.Accepted));
        Assert.Equal(99, answers.Count(a => a.Outcome == OfferReplyOutcome.AlreadyAnswered));
        var slot = started.Appointments[0].Proposal!.Slot;
        Assert.Single(await silo.Get<IProviderGrain>(slot.ProviderId).GetBookings(), b => b.Slot.Start == slot.Start);
        var history = (await silo.Get<IAppointmentGrain>("A1").Get())!.History;
        Assert.Single(history, h => h.Reason.StartsWith("rescheduled", StringComparison.Ordinal));
        Assert.Equal(1, (await silo.Workflow(started.WorkflowId).Get())!.Summary.SuccessfullyReassigned);
    }

    [Fact]
    public async Task A_hundred_concurrent_holds_on_one_slot_leave_exactly_one_holder()
    {
        await using var silo = await TestSilo.StartAsync(WorkflowWorld.Options());
        await WorkflowWorld.SeedAsync(silo, appointments: 1);
        var slot = WorkflowWorld.Range(SchedulingScenario.At(5, 9));
        var provider = silo.Get<IProviderGrain>("T002");

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(async () =>
        {
            try
            {
                await provider.HoldSlot($"hold-{i}", slot);
                return true;
            }
            catch (SlotBookingException)
            {
                return false;
            }
        })));

        Assert.Equal(1, results.Count(static r => r));
        Assert.Single(await provider.GetBookings(), b => b.Slot == slot);
    }

    [Fact]
    public async Task A_silo_restart_in_the_middle_of_consent_resumes_without_a_duplicate_message_or_booking()
    {
        var options = WorkflowWorld.Options(durable: true);
        WorkflowView started;
        IReadOnlyList<AuditEntry> before;
        await using (var silo = await TestSilo.StartAsync(options))
        {
            await WorkflowWorld.SeedAsync(silo, appointments: 2);
            (started, _) = await silo.Desk().TriggerAsync(WorkflowWorld.Tenant, WorkflowWorld.Trigger);
            await WorkflowWorld.Answer(silo, "P1", started.Appointments.Single(a => a.PatientId == "P1").OfferIds[^1], OfferAnswer.Accept);
            before = (await silo.Workflow(started.WorkflowId).Get())!.Audit;

            // As if a crash came between writing a decision's audit entries and the decision: the entry must not survive.
            var orphan = AuditChain.Next(before, silo.Time.GetUtcNow(), WorkflowStage.PatientConsent, "orphan", null, "a decision that was never stored");
            await silo.GrainFactory.GetGrain<IAuditLogGrain>(AuditLogGrain.KeyOf(WorkflowWorld.Tenant, started.WorkflowId, AuditLogGrain.PageOf(orphan.Sequence, new WorkflowOptions().AuditPageSize)))
                .Write([orphan]);
        }

        await using var restarted = await TestSilo.StartAsync(options);
        var reloaded = (await restarted.Workflow(started.WorkflowId).Get())!;
        Assert.Equal(before, reloaded.Audit);

        // The reminder re-drives the workflow after the restart; it must not send or book anything twice.
        restarted.Time.Advance(TimeSpan.FromMinutes(2));
        var p2 = started.Appointments.Single(a => a.PatientId == "P2");
        await WorkflowWorld.Answer(restarted, "P2", p2.OfferIds[^1], OfferAnswer.Accept);

        var done = await WorkflowWorld.Eventually(() => restarted.Workflow(started.WorkflowId).Get(), v => v!.Status == WorkflowStatus.Completed);
        Assert.Equal(2, done!.Summary.SuccessfullyReassigned);
        Assert.Equal(before, done.Audit.Take(before.Count));
        Assert.True(AuditChain.Verify(done.Audit));
        Assert.DoesNotContain(done.Audit, e => e.Event == "orphan");
        foreach (var appointment in done.Appointments)
        {
            var messages = await restarted.Get<IOutboxGrain>(appointment.PatientId).List(10);
            Assert.Equal(2, messages.Count);
            Assert.Equal(messages.Count, messages.Select(m => m.MessageId).Distinct().Count());
        }

        var bookings = (await restarted.Get<IProviderGrain>("T002").GetBookings()).Concat(await restarted.Get<IProviderGrain>("T003").GetBookings()).ToList();
        Assert.Equal(2, bookings.Count);
        Assert.All(bookings, b => Assert.False(b.Held));
    }

    [Fact]
    public async Task A_trigger_repeated_for_a_running_window_joins_it_and_a_cancelled_one_releases_everything()
    {
        await using var silo = await TestSilo.StartAsync(WorkflowWorld.Options());
        await WorkflowWorld.SeedAsync(silo, appointments: 2);
        var (first, _) = await silo.Desk().TriggerAsync(WorkflowWorld.Tenant, WorkflowWorld.Trigger);
        var (again, created) = await silo.Desk().TriggerAsync(WorkflowWorld.Tenant, WorkflowWorld.Trigger with { Source = TriggerSource.Calendar });
        Assert.False(created);
        Assert.Equal(first.WorkflowId, again.WorkflowId);

        var cancelled = await silo.Workflow(first.WorkflowId).Cancel("clinic closed the case");
        Assert.Equal(WorkflowStatus.Cancelled, cancelled.Status);
        Assert.Empty(await silo.Get<IProviderGrain>("T002").GetBookings());
        Assert.Empty(await silo.Get<IProviderGrain>("T003").GetBookings());
        foreach (var appointment in first.Appointments)
        {
            Assert.Equal(OfferStatus.Withdrawn, (await silo.Get<IOfferGrain>(appointment.OfferIds[^1]).Get())!.Status);
            Assert.Equal("T001", (await silo.Get<IAppointmentGrain>(appointment.AppointmentId).Get())!.Appointment.ProviderId);
        }

        var (next, createdNext) = await silo.Desk().TriggerAsync(WorkflowWorld.Tenant, WorkflowWorld.Trigger);
        Assert.True(createdNext);
        Assert.NotEqual(first.WorkflowId, next.WorkflowId);
    }

    [Fact]
    public async Task A_compliance_finding_escalates_and_the_head_of_departments_approval_resumes_the_workflow()
    {
        await using var silo = await TestSilo.StartAsync(WorkflowWorld.Options());
        var (started, other) = await DeclinedWhileTheOtherProvidersLicenseLapsed(silo);

        var escalated = (await silo.Workflow(started.WorkflowId).Get())!;
        Assert.Equal(AffectedAppointmentStatus.Escalated, escalated.Appointments[0].Status);
        var open = Assert.Single(await silo.GrainFactory.GetGrain<IEscalationGrain>(WorkflowWorld.Tenant).List(EscalationStatus.Open));
        Assert.Equal(other, open.Proposal.Slot.ProviderId);
        Assert.Contains(open.Reasons, r => r.Contains("license_status", StringComparison.Ordinal));

        await silo.Desk().ResolveAsync(WorkflowWorld.Tenant, open.CaseId, new EscalationResolution { Action = EscalationAction.ApproveProvider, ResolvedBy = "hod-1" });
        var offered = (await silo.Workflow(started.WorkflowId).Get())!.Appointments[0];
        Assert.Equal(AffectedAppointmentStatus.Offered, offered.Status);
        await WorkflowWorld.Answer(silo, "P1", offered.OfferIds[^1], OfferAnswer.Accept);

        var done = (await silo.Workflow(started.WorkflowId).Get())!;
        Assert.Equal(WorkflowStatus.Completed, done.Status);
        Assert.Equal(1, done.Summary.EscalatedToHod);
        Assert.Single(done.Compliance.ApprovedExceptions);
        Assert.Empty(done.Compliance.Violations);
        await Assert.ThrowsAsync<EscalationConflictException>(() =>
            silo.Desk().ResolveAsync(WorkflowWorld.Tenant, open.CaseId, new EscalationResolution { Action = EscalationAction.Cancel }));
    }

    [Fact]
    public async Task A_trigger_for_an_unknown_provider_or_an_inverted_window_is_refused_and_leaves_nothing_behind()
    {
        await using var silo = await TestSilo.StartAsync(WorkflowWorld.Options());
        await WorkflowWorld.SeedAsync(silo, appointments: 1);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => silo.Desk().TriggerAsync(WorkflowWorld.Tenant, WorkflowWorld.Trigger with { ProviderId = "T999" }));
        var inverted = WorkflowWorld.Trigger with { Start = WorkflowWorld.Trigger.End, End = WorkflowWorld.Trigger.Start };
        var refused = await Assert.ThrowsAsync<SchedulingValidationException>(() => silo.Desk().TriggerAsync(WorkflowWorld.Tenant, inverted));
        Assert.Contains("end", refused.Errors.Keys);

        Assert.Empty(await silo.Desk().ListAsync(WorkflowWorld.Tenant, null, 10));
        Assert.Empty((await silo.Get<IProviderGrain>("T001").Get())!.Unavailability);
        var (started, created) = await silo.Desk().TriggerAsync(WorkflowWorld.Tenant, WorkflowWorld.Trigger);
        Assert.True(created);
        Assert.Single(started.Appointments);
    }

    [Fact]
    public async Task Opening_an_open_offer_again_restores_the_text_reply_route_a_crash_left_unwritten()
    {
        await using var silo = await TestSilo.StartAsync(WorkflowWorld.Options());
        const string Phone = "+15550000001";
        await silo.Get<IPatientGrain>("P1").Upsert(WorkflowWorld.Patient(SchedulingScenario.Passing(), "P1") with
        {
            Contact = new PatientContact { PreferredChannel = NotificationChannel.Sms, DisplayName = "Pat P1", Phone = Phone },
        });
        var request = OfferOfT002To("P1", SchedulingScenario.At(5, 9));
        var offer = silo.Get<IOfferGrain>(request.OfferId);
        var route = silo.GrainFactory.GetGrain<IReplyRouteGrain>(OfferGrain.ReplyRouteKey(WorkflowWorld.Tenant, Phone));
        await offer.Open(request);

        // As if the silo died after writing the offer, before its reply route: the workflow's retry opens it again.
        await route.Remove(request.OfferId);
        await offer.Open(request);

        // The patient's YES finds the offer again (the desk answers the oldest offer on this list).
        Assert.Equal([request.OfferId], await route.List());
    }

    [Fact]
    public async Task A_crash_between_storing_the_end_and_announcing_it_is_repaired_by_the_resume_reminder()
    {
        var options = WorkflowWorld.Options(durable: true);
        var settings = new WorkflowOptions();
        var window = TriggerWindowGrain.KeyOf(WorkflowWorld.Tenant, WorkflowWorld.Trigger.ProviderId, WorkflowWorld.Trigger.Start, WorkflowWorld.Trigger.End);
        WorkflowView done;
        GrainId workflowId;
        await using (var silo = await TestSilo.StartAsync(options))
        {
            await WorkflowWorld.SeedAsync(silo, appointments: 1);
            var (started, _) = await silo.Desk().TriggerAsync(WorkflowWorld.Tenant, WorkflowWorld.Trigger);
            await WorkflowWorld.Answer(silo, "P1", started.Appointments.Single().OfferIds[^1], OfferAnswer.Accept);
            done = (await silo.Workflow(started.WorkflowId).Get())!;
            Assert.Equal(WorkflowStatus.Completed, done.Status);

            // As if the silo died after storing the end, before announcing it: the index still lists the workflow
            // running, the provider window is still claimed by it and its resume reminder is still registered.
            var index = silo.GrainFactory.GetGrain<IWorkflowIndexGrain>(WorkflowIndexGrain.KeyOf(WorkflowWorld.Tenant, done.WorkflowId, settings.IndexShards));
            var listing = Assert.Single(await index.List(null, 10), w => w.WorkflowId == done.WorkflowId);
            await index.Record(listing with { Status = WorkflowStatus.Running, CompletedAt = null });
            Assert.Equal(done.WorkflowId, await silo.GrainFactory.GetGrain<ITriggerWindowGrain>(window).Claim(done.WorkflowId));
            workflowId = new GrainId(GrainInterfaceRegistry.GrainTypeName(typeof(IReschedulingWorkflowGrain)), EntitySilo.Key(done.WorkflowId));
            var now = silo.Time.GetUtcNow();
            await silo.Services.GetRequiredService<IReminderTable>().UpsertAsync(
                new ReminderEntry(workflowId, ReschedulingWorkflowGrain.ResumeReminder, now, settings.ResumeInterval, now + settings.ResumeInterval), CancellationToken.None);
        }

        await using var restarted = await TestSilo.StartAsync(options);
        var repaired = restarted.GrainFactory.GetGrain<IWorkflowIndexGrain>(WorkflowIndexGrain.KeyOf(WorkflowWorld.Tenant, done.WorkflowId, settings.IndexShards));

        // The clock moves an interval per look, so a tick is due whenever the restarted silo has loaded its reminders.
        var listed = await WorkflowWorld.Eventually(
            async () =>
            {
                restarted.Time.Advance(settings.ResumeInterval);
                return (await repaired.List(null, 10)).Single(w => w.WorkflowId == done.WorkflowId);
            },
            static l => l.Status == WorkflowStatus.Completed);
        Assert.Equal(done.CompletedAt, listed.CompletedAt);
        // The repair may run on activation, before the restarted silo has loaded the reminder it would unregister; the
        // next tick then finds the workflow ended and unregisters it. So the clock moves per look here too.
        await WorkflowWorld.Eventually(
            () =>
            {
                restarted.Time.Advance(settings.ResumeInterval);
                return restarted.Services.GetRequiredService<IReminderTable>().ReadAllAsync(CancellationToken.None);
            },
            reminders => !reminders.Any(r => r.GrainId == workflowId));
        Assert.Equal("wf-next", await restarted.GrainFactory.GetGrain<ITriggerWindowGrain>(window).Claim("wf-next"));
    }

    [Fact]
    public async Task An_offer_for_a_slot_sooner_than_its_lifetime_expires_minimum_notice_before_the_slot_and_its_message_says_so()
    {
        await using var silo = await TestSilo.StartAsync(WorkflowWorld.Options(offerLifetime: WeekLongLifetime));
        var started = await WorkflowWorld.TriggerOneAsync(silo);
        var appointment = started.Appointments[0];
        var slot = appointment.Proposal!.Slot;
        var notice = await MinimumNotice(silo);

        var offer = (await silo.Get<IOfferGrain>(appointment.OfferIds[^1]).Get())!;
        Assert.Equal(slot.Start - notice, offer.ExpiresAt);
        Assert.True(offer.ExpiresAt < SchedulingScenario.Now + WeekLongLifetime);

        var message = (await silo.Get<IOutboxGrain>(appointment.PatientId).Get(offer.OfferId))!;
        Assert.Contains((slot.Start - notice).ToString(OfferGrain.MessageTimeFormat, CultureInfo.InvariantCulture), message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain((SchedulingScenario.Now + WeekLongLifetime).ToOffset(slot.Start.Offset).ToString(OfferGrain.MessageTimeFormat, CultureInfo.InvariantCulture),
            message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_acceptance_after_the_slots_notice_deadline_is_an_expiry_books_nothing_and_the_workflow_moves_on()
    {
        await using var silo = await TestSilo.StartAsync(WorkflowWorld.Options(offerLifetime: WeekLongLifetime));
        var started = await WorkflowWorld.TriggerOneAsync(silo);
        var appointment = started.Appointments[0];
        var offerId = appointment.OfferIds[^1];
        var slot = appointment.Proposal!.Slot;
        var nonce = await WorkflowWorld.NonceFromMessage(silo, appointment.PatientId, offerId);
        var before = (await silo.Get<IAppointmentGrain>(appointment.AppointmentId).Get())!.Appointment;

        // Past the slot's notice deadline, well inside the offer's lifetime.
        await PastTheNoticeDeadline(silo, slot.Start);
        var late = await silo.Desk().AnswerAsync(WorkflowWorld.Tenant, offerId, new OfferReply { Answer = OfferAnswer.Accept, Nonce = nonce, Via = ReplyChannel.Link });

        Assert.Equal(OfferReplyOutcome.Expired, late.Outcome);
        Assert.Equal(OfferStatus.Expired, (await silo.Get<IOfferGrain>(offerId).Get())!.Status);
        var record = (await silo.Get<IAppointmentGrain>(appointment.AppointmentId).Get())!;
        Assert.Equal((before.ProviderId, before.Start, AppointmentStatus.Booked), (record.Appointment.ProviderId, record.Appointment.Start, record.Appointment.Status));
        Assert.DoesNotContain(record.History, h => h.Reason.StartsWith("rescheduled", StringComparison.Ordinal));
        Assert.DoesNotContain(await silo.Get<IProviderGrain>(slot.ProviderId).GetBookings(), b => b.BookingId == offerId);
        Assert.Null(await silo.Get<IOutboxGrain>(appointment.PatientId).Get(OfferGrain.ConfirmationMessageId(offerId)));

        // The normal expiry path: counted as expired, and the patient is offered the next slot that still gives notice.
        var moved = await WorkflowWorld.Eventually(() => silo.Workflow(started.WorkflowId).Get(), v => v!.Appointments[0].OfferIds.Count == 2);
        Assert.Equal(1, moved!.Summary.Expired);
        Assert.Equal(0, moved.Summary.SuccessfullyReassigned);
        var next = (await silo.Get<IOfferGrain>(moved.Appointments[0].OfferIds[^1]).Get())!;
        Assert.Equal(OfferStatus.Open, next.Status);
        Assert.True(next.ExpiresAt > silo.Time.GetUtcNow());
    }

    [Fact]
    public async Task A_hold_whose_slot_has_started_is_not_committed_and_the_providers_slots_stay_as_they_were()
    {
        await using var silo = await TestSilo.StartAsync(WorkflowWorld.Options());
        await WorkflowWorld.SeedAsync(silo, appointments: 1);
        var provider = silo.Get<IProviderGrain>("T002");
        var slot = WorkflowWorld.Range(SchedulingScenario.At(5, 9));
        await provider.HoldSlot("late-hold", slot);
        var bookings = EntitySilo.Json(await provider.GetBookings());
        var profile = EntitySilo.Json(await provider.Get());

        silo.Time.Advance(slot.Start - SchedulingScenario.Now);
        await Assert.ThrowsAsync<SlotBookingException>(() => provider.CommitSlot("late-hold"));

        Assert.Equal(bookings, EntitySilo.Json(await provider.GetBookings()));
        Assert.Equal(profile, EntitySilo.Json(await provider.Get()));
        Assert.True(Assert.Single(await provider.GetBookings()).Held);
    }

    [Fact]
    public async Task An_offer_whose_slot_is_already_inside_minimum_notice_is_expired_at_once_and_never_sent()
    {
        await using var silo = await TestSilo.StartAsync(WorkflowWorld.Options());
        await WorkflowWorld.SeedAsync(silo, appointments: 1);
        var start = SchedulingScenario.Now + (await MinimumNotice(silo)) - TimeSpan.FromMinutes(30);
        var request = OfferOfT002To("P1", start);

        var offer = await silo.Get<IOfferGrain>(request.OfferId).Open(request);
        Assert.Equal(OfferStatus.Expired, offer.Status);
        Assert.Equal(offer, await silo.Get<IOfferGrain>(request.OfferId).Open(request));
        Assert.Empty(await silo.Get<IOutboxGrain>("P1").List(10));
        var answer = await silo.Get<IOfferGrain>(request.OfferId).Reply(new OfferReply { Answer = OfferAnswer.Accept, Nonce = string.Empty, Via = ReplyChannel.Sms });
        Assert.Equal(OfferReplyOutcome.Expired, answer.Outcome);
    }

    [Fact]
    public async Task An_approval_that_comes_after_the_proposed_slot_is_inside_minimum_notice_sends_no_offer_and_keeps_no_hold()
    {
        await using var silo = await TestSilo.StartAsync(WorkflowWorld.Options());
        var (started, other) = await DeclinedWhileTheOtherProvidersLicenseLapsed(silo);
        var open = Assert.Single(await silo.GrainFactory.GetGrain<IEscalationGrain>(WorkflowWorld.Tenant).List(EscalationStatus.Open));

        // The head of department decides when the proposed slot no longer gives the patient minimum notice.
        await PastTheNoticeDeadline(silo, open.Proposal.Slot.Start);
        await silo.Desk().ResolveAsync(WorkflowWorld.Tenant, open.CaseId, new EscalationResolution { Action = EscalationAction.ApproveProvider, ResolvedBy = "hod-1" });

        var view = (await silo.Workflow(started.WorkflowId).Get())!;
        var tooSoon = Assert.Single(view.Audit, e => e.Event == "slot_too_soon");
        var offerId = view.Appointments[0].OfferIds.Single(id => tooSoon.Detail.Contains(id, StringComparison.Ordinal));
        Assert.Equal(OfferStatus.Expired, (await silo.Get<IOfferGrain>(offerId).Get())!.Status);
        Assert.Null(await silo.Get<IOutboxGrain>("P1").Get(offerId));
        Assert.DoesNotContain(await silo.Get<IProviderGrain>(other).GetBookings(), b => b.BookingId == offerId);
        Assert.False(view.Appointments[0] is { Status: AffectedAppointmentStatus.Offered } waiting && waiting.OfferIds[^1] == offerId, "the workflow waits on an offer nobody was sent");
        Assert.Equal("T001", (await silo.Get<IAppointmentGrain>("A1").Get())!.Appointment.ProviderId);
    }

    /// <summary>
    /// One appointment, two slots per provider (so the ranked alternatives reach the second one); the other provider's
    /// license lapses and the first provider's slots go while the patient declines the first offer: the only slots left
    /// are the other provider's, which the guardrails escalate. Returns the workflow and that provider.
    /// </summary>
    private static async Task<(WorkflowView Started, string Other)> DeclinedWhileTheOtherProvidersLicenseLapsed(TestSilo silo)
    {
        var started = await WorkflowWorld.TriggerOneAsync(silo, slotsPerProvider: 2);
        var first = started.Appointments[0];
        var other = first.Proposal!.Slot.ProviderId == "T002" ? "T003" : "T002";
        var profile = (await silo.Get<IProviderGrain>(other).Get())!;
        await silo.Get<IProviderGrain>(other).Upsert(profile with { Licenses = [.. profile.Licenses.Select(l => l with { Status = LicenseStatus.Suspended })] });
        var firstProvider = first.Proposal.Slot.ProviderId;
        await silo.Get<IProviderGrain>(firstProvider).Upsert((await silo.Get<IProviderGrain>(firstProvider).Get())! with { BookableSlots = [] });
        await WorkflowWorld.Answer(silo, "P1", first.OfferIds[^1], OfferAnswer.Decline);
        return (started, other);
    }

    /// <summary>An offer opened by hand, as workflow wf-1 would open it: appointment A1 of <paramref name="patientId"/> to a 45-minute slot of T002.</summary>
    private static OfferRequest OfferOfT002To(string patientId, DateTimeOffset start) => new()
    {
        OfferId = "wf-1-A1-1",
        WorkflowId = "wf-1",
        Kind = OfferKind.Reschedule,
        AppointmentId = "A1",
        PatientId = patientId,
        Slot = new CandidateSlot { ProviderId = "T002", ClinicId = "C2", Start = start, End = start.AddMinutes(45) },
        Discipline = "PT",
    };

    /// <summary>Moves the clock, still at the scenario's start, to a minute past the last moment <paramref name="slotStart"/> gives minimum notice.</summary>
    private static async Task PastTheNoticeDeadline(TestSilo silo, DateTimeOffset slotStart)
        => silo.Time.Advance(slotStart - (await MinimumNotice(silo)) - SchedulingScenario.Now + TimeSpan.FromMinutes(1));

    private static async Task<TimeSpan> MinimumNotice(TestSilo silo) =>
        (await silo.GrainFactory.GetGrain<IKnowledgeGrain>(WorkflowWorld.Tenant).Get()).Knowledge.Thresholds.MinimumNotice;
}
