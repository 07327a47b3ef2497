using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Workflow;

/// <summary>
/// The front desk of rescheduling, used by the API, the demo and the benchmarks alike: starts workflows (one per
/// provider window while it runs) and delivers patients' answers and reviewers' decisions to the workflows. It works
/// from outside any grain turn, so the workflow calling offers and cases never waits on them calling back.
/// </summary>
public sealed class ReschedulingDesk(IGrainFactory grains, IOptions<WorkflowOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _starting = new(options.Value.StartConcurrency);

    /// <summary>The tenant's workflows, newest first, at most <paramref name="limit"/>; only those with <paramref name="status"/> when given.</summary>
    public async Task<IReadOnlyList<WorkflowListing>> ListAsync(string tenant, WorkflowStatus? status, int limit)
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, options.Value.IndexShards)
            .Select(shard => grains.GetGrain<IWorkflowIndexGrain>(WorkflowIndexGrain.KeyOf(tenant, shard)).List(status, limit)));
        return [.. shards.SelectMany(static s => s).OrderByDescending(static w => w.CreatedAt).ThenBy(static w => w.WorkflowId, StringComparer.Ordinal).Take(limit)];
    }

    /// <summary>
    /// Starts a workflow for the trigger, or returns the one already running for the same provider window, and whether
    /// it was started now.
    /// </summary>
    public async Task<(WorkflowView Workflow, bool Created)> TriggerAsync(string tenant, WorkflowTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var proposed = "wf-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var window = grains.GetGrain<ITriggerWindowGrain>(TriggerWindowGrain.KeyOf(tenant, trigger.ProviderId, trigger.Start, trigger.End));
        var workflowId = await window.Claim(proposed);
        var workflow = grains.GetGrain<IReschedulingWorkflowGrain>(SchedulingKeys.Of(tenant, workflowId));
        if (workflowId != proposed && await workflow.Get() is { } running)
        {
            return (running, false);
        }

        await _starting.WaitAsync();
        try
        {
            return (await workflow.Start(trigger), true);
        }
        catch (Exception error) when (error is SchedulingValidationException or KeyNotFoundException)
        {
            // A refused trigger leaves nothing behind: the window is free for the corrected one.
            await window.Release(workflowId);
            throw;
        }
        finally
        {
            _starting.Release();
        }
    }

    /// <summary>Delivers an answer to the offer and, when it took effect (or found the offer expired), to its workflow.</summary>
    public async Task<OfferReplyResult> AnswerAsync(string tenant, string offerId, OfferReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var result = await grains.GetGrain<IOfferGrain>(SchedulingKeys.Of(tenant, offerId)).Reply(reply);
        if (result.Outcome is OfferReplyOutcome.Accepted or OfferReplyOutcome.Declined or OfferReplyOutcome.Expired)
        {
            await grains.GetGrain<IReschedulingWorkflowGrain>(SchedulingKeys.Of(tenant, result.Offer.WorkflowId)).SettleOffer(offerId);
        }

        return result;
    }

    /// <summary>
    /// A text reply from <paramref name="phone"/>: YES or NO (and their usual variants) answer the oldest open offer sent
    /// to the phone. Null when no offer is open for it or the text is neither.
    /// </summary>
    public async Task<OfferReplyResult?> AnswerTextAsync(string tenant, string phone, string text)
    {
        if (SmsAnswer(text) is not { } answer)
        {
            return null;
        }

        var open = await grains.GetGrain<IReplyRouteGrain>(OfferGrain.ReplyRouteKey(tenant, phone)).List();
        return open.Count == 0 ? null : await AnswerAsync(tenant, open[0], new OfferReply { Answer = answer, Nonce = string.Empty, Via = ReplyChannel.Sms });
    }

    /// <summary>Records a reviewer's decision and has the workflow carry it out.</summary>
    public async Task<EscalationCase> ResolveAsync(string tenant, string caseId, EscalationResolution resolution)
    {
        var resolved = await grains.GetGrain<IEscalationGrain>(tenant).Resolve(caseId, resolution);
        await grains.GetGrain<IReschedulingWorkflowGrain>(SchedulingKeys.Of(tenant, resolved.WorkflowId)).ResolveEscalation(caseId);
        return resolved;
    }

    /// <inheritdoc />
    public void Dispose() => _starting.Dispose();

    /// <summary>The answer a text message gives; null when it is neither yes nor no.</summary>
    public static OfferAnswer? SmsAnswer(string? text) => text?.Trim().TrimEnd('.', '!').ToUpperInvariant() switch
    {
        "YES" or "Y" or "ACCEPT" or "SI" or "SÍ" => OfferAnswer.Accept,
        "NO" or "N" or "DECLINE" => OfferAnswer.Decline,
        _ => null,
    };

    /// <summary>The answer an IVR digit gives (1 accepts, 2 declines); null for any other key.</summary>
    public static OfferAnswer? IvrAnswer(string? digits) => digits?.Trim() switch
    {
        "1" => OfferAnswer.Accept,
        "2" => OfferAnswer.Decline,
        _ => null,
    };
}
