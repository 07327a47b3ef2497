using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reroute.Grains.Scheduling;
using Reroute.Grains.Scheduling.Demo;
using Reroute.Grains.Scheduling.Notifications;
using Reroute.Grains.Scheduling.Workflow;
using Reroute.Interfaces.Scheduling;
using Reroute.Runtime;
using Reroute.Runtime.Hosting;
using Reroute.Runtime.Testing;
using Reroute.Silo.Api;
using Reroute.Silo.Options;
using Reroute.Silo.Security;

namespace Reroute.Silo.Demo;

/// <summary>
/// The demo's story on a running silo: provider T001 leaves, the workflow offers every affected patient a new time, and
/// simulated patients answer through the same doors real ones use — the signed link in their email or outbox message, an
/// SMS reply through the signed webhook, an IVR keypress — while the clock jumps from one answer to the next. Patients
/// who never answer see their offers expire after the offer lifetime; a simulated head of department approves escalated
/// proposals. Ends when the workflow has completed.
/// </summary>
internal sealed class DemoRun(IServiceProvider services, ManualTimeProvider clock, HttpClient silo, DemoOptions demo)
{
    private const string DepartureReason = "resigned";
    private const string ReviewerSubject = "demo-head-of-department";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IGrainFactory _grains = services.GetRequiredService<IGrainFactory>();
    private readonly IGrainRuntimeStatistics _runtime = services.GetRequiredService<IGrainRuntimeStatistics>();
    private readonly string _webhookSecret = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<NotificationOptions>>().Value.InboundWebhookSecret;
    private readonly TimeSpan _resumeInterval = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WorkflowOptions>>().Value.ResumeInterval;
    private readonly PriorityQueue<PlannedAction, (DateTimeOffset At, long Order)> _planned = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private long _order;

    public DemoTally Tally { get; } = new();

    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>Triggers the departure and plays the patients until the workflow completes; returns its final view.</summary>
    public async Task<WorkflowView> RunAsync(CancellationToken cancellationToken)
    {
        StartedAt = clock.GetUtcNow();
        var desk = services.GetRequiredService<ReschedulingDesk>();
        var (view, _) = await desk.TriggerAsync(demo.Tenant, new WorkflowTrigger
        {
            ProviderId = ClinicNetworkGenerator.DepartingProviderId,
            Start = StartedAt,
            End = StartedAt + demo.DepartureWindow,
            Reason = DepartureReason,
            Source = TriggerSource.Admin,
        });
        var workflow = _grains.GetGrain<IReschedulingWorkflowGrain>(SchedulingKeys.Of(demo.Tenant, view.WorkflowId));
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await SettledClock.WaitUntilQuietAsync(_runtime, cancellationToken);
            view = await workflow.Get() ?? throw new InvalidOperationException($"Workflow {view.WorkflowId} disappeared.");
            if (view.Status != WorkflowStatus.Running)
            {
                return view;
            }

            if (clock.GetUtcNow() - StartedAt > demo.MaxVirtualTime)
            {
                throw new DemoStuckException($"Workflow {view.WorkflowId} was still running after {demo.MaxVirtualTime.TotalDays:F0} virtual days ({view.Summary.Open} appointments open).");
            }

            var nextExpiry = await PlanAnswersAsync(view);
            await PlanReviewsAsync(view);

            // Jump to the next thing that happens: an answer, a review, an expiry, or else the workflow's own resume tick.
            var now = clock.GetUtcNow();
            var next = _planned.TryPeek(out _, out var first) ? first.At : nextExpiry ?? now + _resumeInterval;
            if (nextExpiry is { } expiry && expiry < next)
            {
                next = expiry;
            }

            await clock.AdvanceSettledToAsync(next, _runtime, cancellationToken);

            while (_planned.TryPeek(out var action, out var when) && when.At <= clock.GetUtcNow())
            {
                _planned.Dequeue();
                await CarryOutAsync(action, cancellationToken);
            }
        }
    }

    // Every offer not seen before gets its patient's answer planned; returns when the earliest open offer expires.
    private async Task<DateTimeOffset?> PlanAnswersAsync(WorkflowView view)
    {
        var mix = new SimulatedPatientMix
        {
            AcceptShare = demo.PatientAcceptShare,
            DeclineShare = demo.PatientDeclineShare,
            Fastest = demo.FastestAnswer,
            Slowest = demo.SlowestAnswer,
        };
        DateTimeOffset? earliestExpiry = null;
        var open = view.Appointments.Where(static a => a.Status == AffectedAppointmentStatus.Offered).Select(static a => a.OfferIds[^1])
            .Concat(view.Backfills.Where(static b => b.Status == BackfillStatus.Offered && b.CurrentOfferId is not null).Select(static b => b.CurrentOfferId!));
        foreach (var offerId in open)
        {
            var offer = await _grains.GetGrain<IOfferGrain>(SchedulingKeys.Of(demo.Tenant, offerId)).Get();
            if (offer is null)
            {
                continue;
            }

            earliestExpiry = earliestExpiry is { } e && e < offer.ExpiresAt ? e : offer.ExpiresAt;
            if (!_seen.Add(offerId))
            {
                continue;
            }

            var message = await _grains.GetGrain<IOutboxGrain>(SchedulingKeys.Of(demo.Tenant, offer.PatientId)).Get(offerId)
                ?? throw new InvalidOperationException($"Offer {offerId} has no message in its patient's outbox.");
            Tally.OffersReceived++;
            Tally.BackfillOffers += offer.Kind == OfferKind.Backfill ? 1 : 0;
            var channel = message.Channel.ToString().ToLowerInvariant();
            Tally.ByChannel[channel] = Tally.ByChannel.GetValueOrDefault(channel) + 1;
            // Keyed without the workflow's random id, so the same seed replays the same answers.
            var answer = SimulatedPatients.Answer(demo.Seed, offerId.StartsWith(view.WorkflowId + "-", StringComparison.Ordinal) ? offerId[(view.WorkflowId.Length + 1)..] : offerId, mix);
            if (answer.Answer is { } given)
            {
                Plan(message.CreatedAt + answer.Delay, new PlannedAction(offer, message, given, null));
            }
            else
            {
                Tally.Ignored++;
            }
        }

        return earliestExpiry;
    }

    private async Task PlanReviewsAsync(WorkflowView view)
    {
        foreach (var caseId in view.Appointments.Where(static a => a.Status == AffectedAppointmentStatus.Escalated).Select(static a => a.EscalationId!))
        {
            if (_seen.Add(caseId) && await _grains.GetGrain<IEscalationGrain>(demo.Tenant).Get(caseId) is { Status: EscalationStatus.Open } escalation)
            {
                Plan(escalation.OpenedAt + demo.HeadOfDepartmentResponse, new PlannedAction(null, null, OfferAnswer.Accept, escalation));
            }
        }
    }

    private void Plan(DateTimeOffset at, PlannedAction action) => _planned.Enqueue(action, (at, _order++));

    private async Task CarryOutAsync(PlannedAction action, CancellationToken cancellationToken)
    {
        using var response = action.Review is { } review
            ? await ReviewAsync(review, cancellationToken)
            : await AnswerAsync(action.Offer!, action.Message!, action.Answer, cancellationToken);
        // An offer can close before its patient gets round to it (a slot sooner than the offer lifetime caps the expiry):
        // a link or keypad answer is then refused as gone, and a text finds no open offer for the number and is ignored.
        if (response.StatusCode == HttpStatusCode.Gone || (action.Review is null && await IgnoredAsync(response, cancellationToken)))
        {
            Tally.Late++;
            return;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new DemoStuckException($"The silo refused a simulated {(action.Review is null ? "answer" : "review")}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        if (action.Review is not null)
        {
            Tally.Reviews++;
        }
        else if (action.Answer == OfferAnswer.Accept)
        {
            Tally.Accepted++;
            Tally.BackfillAccepted += action.Offer!.Kind == OfferKind.Backfill ? 1 : 0;
        }
        else
        {
            Tally.Declined++;
        }
    }

    // Through the channel the message came by, as the patient would answer it.
    private Task<HttpResponseMessage> AnswerAsync(ConsentOffer offer, OutboundMessage message, OfferAnswer answer, CancellationToken cancellationToken)
    {
        var accept = answer == OfferAnswer.Accept;
        switch (message.Channel)
        {
            case NotificationChannel.Sms:
                return PostSignedAsync($"api/webhooks/{demo.Tenant}/sms", new { from = message.Recipient, text = accept ? "YES" : "NO" }, cancellationToken);
            case NotificationChannel.Ivr:
                return PostSignedAsync($"api/webhooks/{demo.Tenant}/ivr", new { messageId = offer.OfferId, digits = accept ? "1" : "2" }, cancellationToken);
            default:
                // Email and outbox messages carry the signed link; its page posts the patient's choice.
                var token = OfferLinks.FindToken(message.Body) ?? throw new InvalidOperationException($"The message of offer {offer.OfferId} has no link.");
                var form = new FormUrlEncodedContent([new KeyValuePair<string, string>("answer", accept ? "accept" : "decline")]);
                return silo.PostAsync(new Uri($"offers/{token}", UriKind.Relative), form, cancellationToken);
        }
    }

    private static async Task<bool> IgnoredAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // The link's page answers in HTML; only the webhooks' JSON can say "ignored".
        if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return false;
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body.RootElement.ValueKind == JsonValueKind.Object
            && body.RootElement.TryGetProperty("outcome", out var outcome)
            && outcome.ValueKind == JsonValueKind.String
            && outcome.GetString() == PatientReplyEndpoints.IgnoredOutcome;
    }

    private Task<HttpResponseMessage> PostSignedAsync(string path, object body, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, Json);
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.Add(WebhookSignature.Header, WebhookSignature.Of(_webhookSecret, bytes));
        return silo.PostAsync(new Uri(path, UriKind.Relative), content, cancellationToken);
    }

    private async Task<HttpResponseMessage> ReviewAsync(EscalationCase escalation, CancellationToken cancellationToken)
    {
        var token = services.GetRequiredService<TokenIssuer>().Issue(ReviewerSubject, [Roles.HeadOfDepartment], demo.Tenant);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"api/escalations/{escalation.CaseId}", UriKind.Relative))
        {
            Content = JsonContent.Create(new { action = "approve_provider", providerId = escalation.Proposal.Slot.ProviderId, note = "Approved in the demo." }, options: Json),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await silo.SendAsync(request, cancellationToken);
    }

    private sealed record PlannedAction(ConsentOffer? Offer, OutboundMessage? Message, OfferAnswer Answer, EscalationCase? Review);
}
