using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reroute.Interfaces.Scheduling;
using static System.FormattableString;

namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>
/// The supervisor of one rescheduling trigger: a durable state machine over the seven stages. Every decision is written
/// (with its audit entries, in the same write) before its side effects run, every side effect is idempotent (holds,
/// offers, cases and messages are keyed by ids derived from the workflow), and a durable reminder re-drives the
/// workflow, so a crash at any point neither loses nor repeats a booking or a message.
/// </summary>
public sealed partial class ReschedulingWorkflowGrain(
    [PersistentState("workflow")] IPersistentState<WorkflowState> state,
    IOptions<WorkflowOptions> options,
    ILogger<ReschedulingWorkflowGrain> logger) : Grain, IReschedulingWorkflowGrain
{
    /// <summary>The durable reminder that re-drives a running workflow (and finishes announcing an ended one).</summary>
    public const string ResumeReminder = "workflow-resume";

    // Each round of proposing either settles an appointment or consumes one of its alternatives; the bound only guards
    // against a bug looping forever inside one turn.
    private const int MaxProposalRounds = 1000;

    // The audit event of an offer not sent because its slot was already inside minimum notice.
    private const string SlotTooSoon = "slot_too_soon";

    // How many audit entries are durable in the pages; later ones are written with the next save.
    private int _auditWritten;

    private string Tenant => SchedulingKeys.TenantOf(GetPrimaryKeyString());

    private string Id => SchedulingKeys.IdOf(GetPrimaryKeyString());

    private WorkflowView View => state.State.View ?? throw new KeyNotFoundException($"Workflow {Id} does not exist.");

    private bool Running => state.State.View?.Status == WorkflowStatus.Running;

    /// <inheritdoc />
    public async Task<WorkflowView> Start(WorkflowTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        if (state.State.View is { } existing)
        {
            return existing.Trigger == trigger
                ? existing
                : throw new WorkflowConflictException($"Workflow {Id} was started for another trigger.");
        }

        Validate(trigger);
        _ = await Provider(trigger.ProviderId).Get() ?? throw new KeyNotFoundException($"Provider {trigger.ProviderId} does not exist.");
        var knowledge = await GrainFactory.GetGrain<IKnowledgeGrain>(Tenant).Get();
        var view = new WorkflowView
        {
            WorkflowId = Id,
            Trigger = trigger,
            CreatedAt = Time.GetUtcNow(),
            KnowledgeVersion = knowledge.Version,
            Stages = [.. Enum.GetValues<WorkflowStage>().Select(static s => new StageRecord { Stage = s })],
        };
        view = Started(view, WorkflowStage.TriggerDetection);
        view = Audit(view, WorkflowStage.TriggerDetection, "workflow_started", null, Invariant(
            $"provider {trigger.ProviderId} unavailable {trigger.Start:O} to {trigger.End:O}; source {trigger.Source}; knowledge v{knowledge.Version}"));
        await Save(view, []);
        await RegisterOrUpdateReminder(ResumeReminder, options.Value.ResumeInterval, options.Value.ResumeInterval);
        await GrainFactory.GetGrain<IWorkflowIndexGrain>(WorkflowIndexGrain.KeyOf(Tenant, Id, options.Value.IndexShards)).Record(Listing(view));
        LogStarted(logger, Id, trigger.ProviderId, trigger.Source);
        await Drive();
        return View;
    }

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The stored view holds no audit trail (a workflow stored before pages existed holds it inline and keeps it).
        if (state.State is { View: { } view, AuditCount: > 0 and var count })
        {
            var pages = await Task.WhenAll(Enumerable.Range(0, (int)AuditLogGrain.PageOf(count, options.Value.AuditPageSize) + 1)
                .Select(page => AuditPage(page).Read()));
            var trail = pages.SelectMany(static p => p).Where(e => e.Sequence <= count).OrderBy(static e => e.Sequence).ToList();
            state.State = state.State with { View = view with { Audit = trail } };
            _auditWritten = count;
        }

        await base.OnActivateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<WorkflowView?> Get() => Task.FromResult(state.State.View);

    /// <inheritdoc />
    public async Task<WorkflowView> Cancel(string reason)
    {
        AppointmentValidation.ValidateReason(reason).ThrowIfAny("cancellation");
        var view = View;
        if (view.Status != WorkflowStatus.Running)
        {
            return view;
        }

        // An offer the patient accepted before the withdrawal reached it is honoured: it is booked, not released.
        var pending = new List<string>();
        foreach (var appointment in view.Appointments.Where(static a => a.Status == AffectedAppointmentStatus.Offered))
        {
            if (await WithdrawOffer(appointment.OfferIds[^1], appointment.Proposal!.Slot) is { Status: OfferStatus.Accepted } accepted)
            {
                view = await Settle(view, appointment, accepted, pending);
            }
        }

        foreach (var backfill in view.Backfills.Where(static b => b.Status == BackfillStatus.Offered))
        {
            view = backfill.CurrentOfferId is not null && await WithdrawOffer(backfill.CurrentOfferId, backfill.Slot) is { Status: OfferStatus.Accepted } accepted
                ? await Settle(view, backfill, accepted, pending)
                : With(view, backfill with { Status = BackfillStatus.Withdrawn });
        }

        // Slots the honoured bookings freed are not offered any more: the workflow is ending.
        view = view with { Backfills = [.. view.Backfills.Select(static b => b.Status == BackfillStatus.Offered ? b with { Status = BackfillStatus.Withdrawn } : b)] };

        view = Audit(view, view.CurrentStage, "workflow_cancelled", null, reason);
        view = view with { Status = WorkflowStatus.Cancelled, CompletedAt = Time.GetUtcNow() };
        await Save(view, []);
        await Finish(view);
        LogEnded(logger, Id, WorkflowStatus.Cancelled);
        return View;
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ResumeReminder)
        {
            return;
        }

        if (!Running)
        {
            if (state.State.View is { } ended)
            {
                // The end is stored before it is announced: a crash in between left the trigger window claimed, the
                // index showing the workflow running and this reminder registered. Announcing again repairs all three.
                await Finish(ended);
            }
            else if (await GetReminder(ResumeReminder) is { } reminder)
            {
                await UnregisterReminder(reminder);
            }

            return;
        }

        // Finish whatever a crash interrupted, then look for answers, expiries and decisions nobody announced.
        await Drive();
        foreach (var offerId in OutstandingOffers(View))
        {
            await SettleOffer(offerId);
        }

        foreach (var caseId in View.Appointments.Where(static a => a.Status == AffectedAppointmentStatus.Escalated).Select(static a => a.EscalationId!))
        {
            await ResolveEscalation(caseId);
        }
    }

    private static IReadOnlyList<string> OutstandingOffers(WorkflowView view) =>
    [
        .. view.Appointments.Where(static a => a.Status == AffectedAppointmentStatus.Offered).Select(static a => a.OfferIds[^1]),
        .. view.Backfills.Where(static b => b.Status == BackfillStatus.Offered && b.CurrentOfferId is not null).Select(static b => b.CurrentOfferId!),
    ];

    private void Validate(WorkflowTrigger trigger)
    {
        var errors = new ValidationErrors();
        errors.RequireId(trigger.ProviderId, "providerId");
        errors.RequireOrdered(trigger.Start, trigger.End, "end");
        errors.Require(trigger.End - trigger.Start <= options.Value.MaxTriggerWindow, "end", Invariant($"must be at most {options.Value.MaxTriggerWindow.TotalDays:F0} days after start."));
        errors.Require(Enum.IsDefined(trigger.Source), "source", "must be ehr, calendar, admin or patient_app.");
        errors.Require(!string.IsNullOrWhiteSpace(trigger.Reason) && trigger.Reason.Length <= SchedulingLimits.MaxReasonLength, "reason", $"must be 1 to {SchedulingLimits.MaxReasonLength} characters.");
        errors.ThrowIfAny("trigger");
    }

    // Runs every stage that can run now: detection and planning if a crash interrupted them, then proposals and the
    // side effects still pending, then the report once everything has settled.
    private async Task Drive()
    {
        var detected = false;
        if (Running && View.CurrentStage == WorkflowStage.TriggerDetection)
        {
            await Detect();
            detected = true;
        }

        if (Running && View.CurrentStage is WorkflowStage.CandidateFiltering or WorkflowStage.ScoringAndRanking)
        {
            await PlanAll();
        }

        if (Running && View.CurrentStage >= WorkflowStage.QualityAssurance)
        {
            await Advance();
            await CompleteIfSettled();
        }

        // The index listed the workflow before detection found its appointments; a finished one was listed again by Finish.
        if (detected && Running)
        {
            await GrainFactory.GetGrain<IWorkflowIndexGrain>(WorkflowIndexGrain.KeyOf(Tenant, Id, options.Value.IndexShards)).Record(Listing(View));
        }
    }

    private async Task Finish(WorkflowView view)
    {
        await GrainFactory.GetGrain<ITriggerWindowGrain>(TriggerWindowGrain.KeyOf(Tenant, view.Trigger.ProviderId, view.Trigger.Start, view.Trigger.End)).Release(Id);
        await GrainFactory.GetGrain<IWorkflowIndexGrain>(WorkflowIndexGrain.KeyOf(Tenant, Id, options.Value.IndexShards)).Record(Listing(view));
        if (await GetReminder(ResumeReminder) is { } reminder)
        {
            await UnregisterReminder(reminder);
        }
    }

    // Withdraws the offer and releases its hold, unless the patient accepted first: then the offer is returned to be booked.
    private async Task<ConsentOffer?> WithdrawOffer(string offerId, CandidateSlot slot)
    {
        var offer = await Offer(offerId).Get() is null ? null : await Offer(offerId).Withdraw();
        if (offer?.Status != OfferStatus.Accepted)
        {
            await Provider(slot.ProviderId).ReleaseSlot(offerId);
        }

        return offer;
    }

    // The decision's new audit entries go to their pages first, then the decision itself: a crash between the two leaves
    // entries beyond the stored count, which the next save overwrites and a reload ignores.
    private async Task Save(WorkflowView view, IReadOnlyList<string> pending)
    {
        var pageSize = options.Value.AuditPageSize;
        var fresh = view.Audit.Where(e => e.Sequence > _auditWritten).GroupBy(e => AuditLogGrain.PageOf(e.Sequence, pageSize));
        await Task.WhenAll(fresh.Select(page => AuditPage(page.Key).Write([.. page])));
        var whole = view with { Summary = WorkflowReport.Summarize(view) };
        await state.ReplaceAsync(new WorkflowState { View = whole with { Audit = [] }, AuditCount = whole.Audit.Count, PendingEffects = pending });
        state.State = state.State with { View = whole };
        _auditWritten = whole.Audit.Count;
    }

    private IAuditLogGrain AuditPage(long page) => GrainFactory.GetGrain<IAuditLogGrain>(AuditLogGrain.KeyOf(Tenant, Id, page));

    // Detection and planning have no side effects but the idempotent unavailability record, so their results are kept
    // in memory until the decisions that follow are written: a crash before that simply detects and plans again.
    private void Stage(WorkflowView view, IReadOnlyList<string> pending) =>
        state.State = new WorkflowState { View = view with { Summary = WorkflowReport.Summarize(view) }, PendingEffects = pending };

    private WorkflowView Audit(WorkflowView view, WorkflowStage stage, string eventName, string? appointmentId, string detail) =>
        view with { Audit = [.. view.Audit, AuditChain.Next(view.Audit, Time.GetUtcNow(), stage, eventName, appointmentId, detail)] };

    private WorkflowView Started(WorkflowView view, WorkflowStage stage)
    {
        var now = Time.GetUtcNow();
        return view with
        {
            CurrentStage = stage > view.CurrentStage ? stage : view.CurrentStage,
            Stages = [.. view.Stages.Select(s => s.Stage == stage && s.StartedAt is null ? s with { StartedAt = now } : s)],
        };
    }

    private WorkflowView Completed(WorkflowView view, WorkflowStage stage, string note)
    {
        var now = Time.GetUtcNow();
        return view with
        {
            Stages = [.. view.Stages.Select(s => s.Stage == stage && s.CompletedAt is null
                ? s with { StartedAt = s.StartedAt ?? now, CompletedAt = now, Note = note }
                : s)],
        };
    }

    private static WorkflowView With(WorkflowView view, AffectedAppointment appointment) =>
        view with { Appointments = [.. view.Appointments.Select(a => a.AppointmentId == appointment.AppointmentId ? appointment : a)] };

    private static WorkflowView With(WorkflowView view, BackfillSlot backfill) =>
        view with { Backfills = [.. view.Backfills.Select(b => b.BackfillId == backfill.BackfillId ? backfill : b)] };

    private WorkflowListing Listing(WorkflowView view) => new()
    {
        WorkflowId = Id,
        ProviderId = view.Trigger.ProviderId,
        Start = view.Trigger.Start,
        End = view.Trigger.End,
        Status = view.Status,
        CreatedAt = view.CreatedAt,
        CompletedAt = view.CompletedAt,
        AppointmentsProcessed = view.Appointments.Count,
    };

    private IProviderGrain Provider(string providerId) => GrainFactory.GetGrain<IProviderGrain>(SchedulingKeys.Of(Tenant, providerId));

    private IAppointmentGrain Appointment(string appointmentId) => GrainFactory.GetGrain<IAppointmentGrain>(SchedulingKeys.Of(Tenant, appointmentId));

    private IOfferGrain Offer(string offerId) => GrainFactory.GetGrain<IOfferGrain>(SchedulingKeys.Of(Tenant, offerId));

    private ICandidatePlanningGrain Planner => GrainFactory.GetGrain<ICandidatePlanningGrain>(Tenant);

    private IEscalationGrain Escalations => GrainFactory.GetGrain<IEscalationGrain>(Tenant);

    private static TimeRange RangeOf(CandidateSlot slot) => new() { Start = slot.Start, End = slot.End };

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow {WorkflowId} started for provider {ProviderId} from {Source}")]
    private static partial void LogStarted(ILogger logger, string workflowId, string providerId, TriggerSource source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow {WorkflowId} {Status}")]
    private static partial void LogEnded(ILogger logger, string workflowId, WorkflowStatus status);
}
