using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reroute.Grains.Scheduling.Notifications;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>
/// Stage 5 of rescheduling, one consent offer: sends it on the patient's channel, takes the first valid answer, and
/// expires by a durable reminder. The offer never calls its workflow inside a turn (the workflow calls offers, so that
/// would be a cycle); answers are settled by whoever delivered them and expiries are announced after the turn.
/// </summary>
public sealed partial class OfferGrain(
    [PersistentState("offer")] IPersistentState<OfferState> state,
    PatientMessageComposer composer,
    NotificationDispatcher dispatcher,
    OfferLinks links,
    IOptions<WorkflowOptions> options,
    ILogger<OfferGrain> logger) : Grain, IOfferGrain
{
    private const string ExpiryReminder = "offer-expiry";
    private const int NonceBytes = 16;

    /// <summary>
    /// The time format of patient messages: unambiguous whatever the patient's locale. The clock time is the value's own
    /// (the clinic's, as the slot carries it) and the offset says so; a bare "UTC" label on a local time misled patients.
    /// </summary>
    public const string MessageTimeFormat = "ddd d MMM yyyy HH:mm '(UTC'zzz')'";

    /// <inheritdoc />
    public async Task<ConsentOffer> Open(OfferRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = GetPrimaryKeyString();
        if (state.State.Offer is { } existing)
        {
            if (existing.Status == OfferStatus.Open)
            {
                // Opening again re-drives what a crash after the state write interrupted: the expiry reminder, the reply
                // route (without it the patient's text answer would be ignored) and the delivery, which the outbox sends
                // once per message id.
                await Announce(existing, state.State.ReplyRouteKey, patient: null);
            }

            return existing;
        }

        var errors = new ValidationErrors();
        errors.Require(request.OfferId == SchedulingKeys.IdOf(key), "offerId", "must be the offer id the grain is for.");
        errors.RequireId(request.PatientId, "patientId");
        errors.Require(!string.IsNullOrWhiteSpace(request.WorkflowId), "workflowId", "must not be empty.");
        errors.Require(request.Kind != OfferKind.Reschedule || request.AppointmentId is not null, "appointmentId", "is required for a reschedule offer.");
        errors.ThrowIfAny("offer");

        var tenant = SchedulingKeys.TenantOf(key);
        var knowledgeRead = GrainFactory.GetGrain<IKnowledgeGrain>(tenant).Get();
        var patient = await GrainFactory.GetGrain<IPatientGrain>(SchedulingKeys.Of(tenant, request.PatientId)).Get()
            ?? throw new KeyNotFoundException($"Patient {request.PatientId} does not exist.");
        var notice = (await knowledgeRead).Knowledge.Thresholds.MinimumNotice;
        var now = Time.GetUtcNow();
        var channel = patient.Contact?.PreferredChannel ?? NotificationChannel.Outbox;
        var expiresAt = OfferDeadline.ExpiresAt(now, options.Value.OfferLifetime, request.Slot.Start, notice);
        var offer = new ConsentOffer
        {
            OfferId = request.OfferId,
            WorkflowId = request.WorkflowId,
            Kind = request.Kind,
            AppointmentId = request.AppointmentId,
            BackfillId = request.BackfillId,
            PatientId = request.PatientId,
            Slot = request.Slot,
            Channel = channel,
            CreatedAt = now,
            ExpiresAt = expiresAt,
            Warnings = request.Warnings,
        };
        if (expiresAt <= now)
        {
            // The slot came inside minimum notice between planning and now (a late escalation decision, a delayed
            // repair). Kept as expired and never sent, so opening again gives the same answer; the caller moves on.
            var unsent = offer with { Status = OfferStatus.Expired, AnsweredAt = now };
            await state.ReplaceAsync(new OfferState { Offer = unsent, Discipline = request.Discipline, OriginalStart = request.OriginalStart });
            LogTooLate(logger, unsent.OfferId, unsent.WorkflowId);
            return unsent;
        }

        var replyRoute = channel == NotificationChannel.Sms && patient.Contact?.Phone is { } phone ? ReplyRouteKey(tenant, phone) : null;
        await state.ReplaceAsync(new OfferState
        {
            Offer = offer,
            Nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(NonceBytes)),
            ReplyRouteKey = replyRoute,
            Discipline = request.Discipline,
            OriginalStart = request.OriginalStart,
        });

        // The reminder and the reply route come after the state: a crash before them is repaired by opening again.
        await Announce(offer, replyRoute, patient);
        LogOpened(logger, offer.OfferId, offer.WorkflowId, channel);
        return offer;
    }

    /// <inheritdoc />
    public Task<ConsentOffer?> Get() => Task.FromResult(state.State.Offer);

    // What follows an open offer's state write, and what opening it again repeats.
    private Task Announce(ConsentOffer offer, string? replyRoute, PatientProfile? patient) => Task.WhenAll(
        EnsureExpiryReminder(offer),
        replyRoute is null ? Task.CompletedTask : GrainFactory.GetGrain<IReplyRouteGrain>(replyRoute).Add(offer.OfferId),
        SendAsync(offer, "offer", offer.OfferId, patient));

    // Registered again only when missing: updating it would move its first tick past the offer's expiry.
    private async Task EnsureExpiryReminder(ConsentOffer offer)
    {
        if (await GetReminder(ExpiryReminder) is null)
        {
            var due = offer.ExpiresAt - Time.GetUtcNow();
            await RegisterOrUpdateReminder(ExpiryReminder, due > TimeSpan.Zero ? due : TimeSpan.Zero, options.Value.ExpiryRecheckInterval);
        }
    }

    /// <inheritdoc />
    public async Task<OfferReplyResult> Reply(OfferReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var offer = state.State.Offer ?? throw new KeyNotFoundException($"Offer {SchedulingKeys.IdOf(GetPrimaryKeyString())} does not exist.");
        var nonceRequired = reply.Via is ReplyChannel.Link or ReplyChannel.Api;
        if (nonceRequired && !NonceMatches(reply.Nonce))
        {
            return new OfferReplyResult { Outcome = OfferReplyOutcome.InvalidToken, Offer = offer };
        }

        // An answer after the deadline is an expiry like any other, whatever it says: an acceptance must not book.
        if (offer.Status == OfferStatus.Open && OfferDeadline.HasPassed(offer, Time.GetUtcNow()))
        {
            offer = await Close(offer, OfferStatus.Expired, null);
        }

        if (offer.Status != OfferStatus.Open)
        {
            var outcome = offer.Status switch
            {
                OfferStatus.Expired => OfferReplyOutcome.Expired,
                OfferStatus.Withdrawn => OfferReplyOutcome.Withdrawn,
                _ => OfferReplyOutcome.AlreadyAnswered,
            };
            return new OfferReplyResult { Outcome = outcome, Offer = offer };
        }

        var accepted = reply.Answer == OfferAnswer.Accept;
        offer = await Close(offer, accepted ? OfferStatus.Accepted : OfferStatus.Declined, reply.Via);
        LogAnswered(logger, offer.OfferId, offer.Status, reply.Via);
        if (accepted && offer.Kind == OfferKind.Reschedule)
        {
            await BookAsync(offer);
        }
        return new OfferReplyResult { Outcome = accepted ? OfferReplyOutcome.Accepted : OfferReplyOutcome.Declined, Offer = offer };
    }

    /// <inheritdoc />
    public async Task<ConsentOffer> ExpireIfDue()
    {
        var offer = state.State.Offer ?? throw new KeyNotFoundException($"Offer {SchedulingKeys.IdOf(GetPrimaryKeyString())} does not exist.");
        return offer.Status == OfferStatus.Open && OfferDeadline.HasPassed(offer, Time.GetUtcNow())
            ? await Close(offer, OfferStatus.Expired, null)
            : offer;
    }

    /// <inheritdoc />
    public async Task Confirm()
    {
        var offer = state.State.Offer ?? throw new KeyNotFoundException($"Offer {SchedulingKeys.IdOf(GetPrimaryKeyString())} does not exist.");
        if (offer.Status != OfferStatus.Accepted)
        {
            throw new InvalidOperationException($"Offer {offer.OfferId} is {offer.Status}, not accepted; there is nothing to confirm.");
        }

        await SendAsync(offer, "confirmation", ConfirmationMessageId(offer.OfferId));
    }

    /// <summary>The reason recorded in an appointment's history when a workflow moves it.</summary>
    public static string RescheduledReason(string workflowId) => $"rescheduled by workflow {workflowId}";

    /// <summary>
    /// Books an accepted reschedule offer at once, so the patient's confirmation does not wait for the workflow: commit
    /// the hold, move the appointment, confirm. The workflow repeats these steps when it settles the offer (each is
    /// idempotent), which also finishes them if this grain stopped half way. A lost hold is left to the workflow.
    /// </summary>
    private async Task BookAsync(ConsentOffer offer)
    {
        var tenant = SchedulingKeys.TenantOf(GetPrimaryKeyString());
        try
        {
            await GrainFactory.GetGrain<IProviderGrain>(SchedulingKeys.Of(tenant, offer.Slot.ProviderId)).CommitSlot(offer.OfferId);
        }
        catch (SlotBookingException)
        {
            return;
        }

        await GrainFactory.GetGrain<IAppointmentGrain>(SchedulingKeys.Of(tenant, offer.AppointmentId!)).Reschedule(new AppointmentMove
        {
            ProviderId = offer.Slot.ProviderId,
            ClinicId = offer.Slot.ClinicId,
            Start = offer.Slot.Start,
            End = offer.Slot.End,
            Reason = RescheduledReason(offer.WorkflowId),
        });
        await SendAsync(offer, "confirmation", ConfirmationMessageId(offer.OfferId));
    }

    /// <summary>The message id of an offer's booking confirmation.</summary>
    public static string ConfirmationMessageId(string offerId) => offerId + "-confirmation";

    /// <inheritdoc />
    public async Task<ConsentOffer> Withdraw()
    {
        var offer = state.State.Offer ?? throw new KeyNotFoundException($"Offer {SchedulingKeys.IdOf(GetPrimaryKeyString())} does not exist.");
        return offer.Status == OfferStatus.Open ? await Close(offer, OfferStatus.Withdrawn, null) : offer;
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ExpiryReminder || state.State.Offer is not { } before)
        {
            return;
        }

        var after = await ExpireIfDue();
        if (after.Status != OfferStatus.Open && await GetReminder(ExpiryReminder) is { } reminder)
        {
            await UnregisterReminder(reminder);
        }

        if (before.Status == OfferStatus.Open && after.Status == OfferStatus.Expired)
        {
            LogExpired(logger, after.OfferId, after.WorkflowId);
            AnnounceExpiry(SchedulingKeys.TenantOf(GetPrimaryKeyString()), after);
        }
    }

    /// <summary>The reply route key of a phone number: a hash, so numbers never appear in keys or logs.</summary>
    public static string ReplyRouteKey(string tenant, string phone) =>
        SchedulingKeys.Of(tenant, "sms-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(phone)))[..32]);

    private bool NonceMatches(string? nonce) =>
        nonce is not null && state.State.Nonce.Length > 0
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(nonce), Encoding.UTF8.GetBytes(state.State.Nonce));

    private async Task<ConsentOffer> Close(ConsentOffer offer, OfferStatus status, ReplyChannel? via)
    {
        var closed = offer with { Status = status, AnsweredAt = Time.GetUtcNow(), AnsweredVia = via };
        await state.ReplaceAsync(state.State with { Offer = closed });
        if (state.State.ReplyRouteKey is { } route)
        {
            await GrainFactory.GetGrain<IReplyRouteGrain>(route).Remove(offer.OfferId);
        }

        return closed;
    }

    private async Task SendAsync(ConsentOffer offer, string purpose, string messageId, PatientProfile? patient = null)
    {
        var tenant = SchedulingKeys.TenantOf(GetPrimaryKeyString());
        patient ??= await GrainFactory.GetGrain<IPatientGrain>(SchedulingKeys.Of(tenant, offer.PatientId)).Get()
            ?? throw new KeyNotFoundException($"Patient {offer.PatientId} does not exist.");
        var token = links.Issue(new OfferToken(tenant, offer.OfferId, state.State.Nonce, offer.ExpiresAt));
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["discipline"] = state.State.Discipline,
            ["original_time"] = (state.State.OriginalStart ?? offer.Slot.Start).ToString(MessageTimeFormat, CultureInfo.InvariantCulture),
            ["new_time"] = offer.Slot.Start.ToString(MessageTimeFormat, CultureInfo.InvariantCulture),
            ["clinic"] = offer.Slot.ClinicId,
            // In the slot's offset, so that every time in the message reads on the same clock.
            ["expires"] = offer.ExpiresAt.ToOffset(offer.Slot.Start.Offset).ToString(MessageTimeFormat, CultureInfo.InvariantCulture),
            ["accept_url"] = links.AnswerUrl(token, "accept"),
            ["decline_url"] = links.AnswerUrl(token, "decline"),
        };
        var purposeId = offer.Kind == OfferKind.Backfill && purpose == "offer" ? "backfill" : purpose;
        var message = await composer.ComposeAsync(messageId, tenant, purposeId, patient, offer.Channel, values);
        await dispatcher.DispatchAsync(message);
    }

    // Fire and forget outside the turn, with the call context left behind: the workflow may be calling this offer right
    // now, and waiting for it here would deadlock both. A lost announcement is caught by the workflow's resume reminder.
    private void AnnounceExpiry(string tenant, ConsentOffer offer)
    {
        var workflow = GrainFactory.GetGrain<IReschedulingWorkflowGrain>(SchedulingKeys.Of(tenant, offer.WorkflowId));
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await workflow.SettleOffer(offer.OfferId);
                }
                catch (Exception error)
                {
                    LogAnnounceFailed(logger, error, offer.OfferId, offer.WorkflowId);
                }
            });
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Offer {OfferId} of workflow {WorkflowId} opened on {Channel}")]
    private static partial void LogOpened(ILogger logger, string offerId, string workflowId, NotificationChannel channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Offer {OfferId} of workflow {WorkflowId} not sent: its slot is already inside minimum notice")]
    private static partial void LogTooLate(ILogger logger, string offerId, string workflowId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Offer {OfferId} {Status} via {Via}")]
    private static partial void LogAnswered(ILogger logger, string offerId, OfferStatus status, ReplyChannel via);

    [LoggerMessage(Level = LogLevel.Information, Message = "Offer {OfferId} of workflow {WorkflowId} expired unanswered")]
    private static partial void LogExpired(ILogger logger, string offerId, string workflowId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Expiry of offer {OfferId} could not be announced to workflow {WorkflowId}; its resume reminder will pick it up")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception error, string offerId, string workflowId);
}
