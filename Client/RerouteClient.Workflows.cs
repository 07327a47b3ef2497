using System.Globalization;
using System.Net;
using System.Text.Json;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Client;

// Rescheduling: what an EHR integration or an admin tool needs to start a workflow, follow it and review its escalations.
public sealed partial class RerouteClient
{
    private const string ProviderUnavailable = "provider_unavailable";

    /// <summary>
    /// A provider is unavailable: starts the rescheduling workflow, <c>POST /api/workflow/trigger</c> (admin, scheduler,
    /// ehr-integration). Every attempt carries the same <c>Idempotency-Key</c> (the caller's, or one chosen per call), so
    /// a retry after a lost response gets the same workflow back; a trigger for a provider window whose workflow is
    /// still running returns that workflow instead of a second one.
    /// </summary>
    /// <returns>The workflow, and whether this request started it.</returns>
    /// <exception cref="RerouteApiException">400 naming the invalid fields (e.g. <c>end</c> before <c>start</c>), 404 for an unknown provider, 403 for other roles, or another error.</exception>
    public async Task<WorkflowTriggerResult> TriggerProviderUnavailableAsync(WorkflowTrigger trigger, RerouteCallOptions? call = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var body = new TriggerBody(ProviderUnavailable, trigger.ProviderId, trigger.Start, trigger.End, trigger.Reason, trigger.Source);
        var response = await SendAsync<WorkflowDetail>(new Request(HttpMethod.Post, "api/workflow/trigger", Serialize(body), call), cancellationToken).ConfigureAwait(false);
        return new WorkflowTriggerResult(response.Value!, response.Status == HttpStatusCode.Created);
    }

    /// <summary>A workflow with its stages, each appointment's trail, summary and compliance report: <c>GET /api/workflows/{id}</c>.</summary>
    /// <exception cref="RerouteApiException">404 for an unknown workflow, or another error.</exception>
    public Task<WorkflowDetail> GetWorkflowAsync(string workflowId, RerouteCallOptions? call = null, CancellationToken cancellationToken = default) =>
        GetAsync<WorkflowDetail>(WorkflowPath(workflowId), call, cancellationToken);

    /// <summary>A workflow's summary counts and compliance report (read from <c>GET /api/workflows/{id}</c>).</summary>
    /// <exception cref="RerouteApiException">404 for an unknown workflow, or another error.</exception>
    public async Task<WorkflowSummaryReport> GetWorkflowSummaryAsync(string workflowId, RerouteCallOptions? call = null, CancellationToken cancellationToken = default)
    {
        var workflow = await GetWorkflowAsync(workflowId, call, cancellationToken).ConfigureAwait(false);
        return new WorkflowSummaryReport(workflow.WorkflowId, workflow.Status, workflow.Summary, workflow.Compliance);
    }

    /// <summary>The tenant's workflows, newest first: <c>GET /api/workflows?status=&amp;limit=</c>.</summary>
    /// <param name="status">Only workflows with this status; all when null.</param>
    /// <param name="limit">At most this many (1 to 1000); the silo's default (100) when null.</param>
    /// <param name="call">Per-call settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="RerouteApiException">400 for a limit out of range, or another error.</exception>
    public Task<IReadOnlyList<WorkflowListing>> ListWorkflowsAsync(
        WorkflowStatus? status = null, int? limit = null, RerouteCallOptions? call = null, CancellationToken cancellationToken = default)
    {
        var parameters = new List<string>();
        if (status is { } wanted)
        {
            parameters.Add($"status={Escape(EnumText(wanted))}");
        }

        if (limit is { } most)
        {
            parameters.Add($"limit={most.ToString(CultureInfo.InvariantCulture)}");
        }

        var query = parameters.Count == 0 ? string.Empty : "?" + string.Join('&', parameters);
        return GetAsync<IReadOnlyList<WorkflowListing>>("api/workflows" + query, call, cancellationToken);
    }

    /// <summary>
    /// Stops a running workflow: open offers are withdrawn and held slots released. <c>POST /api/workflows/{id}/cancel</c>.
    /// Cancelling a finished workflow changes nothing and returns it as it is.
    /// </summary>
    /// <exception cref="RerouteApiException">404 for an unknown workflow, 400 for a missing or overlong reason, or another error.</exception>
    public Task<WorkflowDetail> CancelWorkflowAsync(string workflowId, string reason, RerouteCallOptions? call = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return PostAsync<CancelBody, WorkflowDetail>(WorkflowPath(workflowId) + "/cancel", new CancelBody(reason), call, cancellationToken);
    }

    /// <summary>The workflow's hash-chained audit trail and whether it verifies: <c>GET /api/workflows/{id}/audit</c>.</summary>
    /// <exception cref="RerouteApiException">404 for an unknown workflow, or another error.</exception>
    public Task<AuditTrailResponse> GetWorkflowAuditAsync(string workflowId, RerouteCallOptions? call = null, CancellationToken cancellationToken = default) =>
        GetAsync<AuditTrailResponse>(WorkflowPath(workflowId) + "/audit", call, cancellationToken);

    /// <summary>A consent offer: slot, channel, expiry and answer. <c>GET /api/offers/{id}</c>.</summary>
    /// <exception cref="RerouteApiException">404 for an unknown offer, or another error.</exception>
    public Task<ConsentOffer> GetOfferAsync(string offerId, RerouteCallOptions? call = null, CancellationToken cancellationToken = default) =>
        GetAsync<ConsentOffer>($"api/offers/{Escape(offerId)}", call, cancellationToken);

    /// <summary>The head-of-department queue, oldest first: <c>GET /api/escalations?status=</c>.</summary>
    /// <exception cref="RerouteApiException">403 for roles that may not read scheduling records, or another error.</exception>
    public Task<IReadOnlyList<EscalationCase>> ListEscalationsAsync(EscalationStatus? status = null, RerouteCallOptions? call = null, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<EscalationCase>>(
            status is { } wanted ? $"api/escalations?status={Escape(EnumText(wanted))}" : "api/escalations", call, cancellationToken);

    /// <summary>
    /// A head of department's decision on an escalated case, which resumes its workflow: <c>POST /api/escalations/{id}</c>
    /// (admin or hod tokens only).
    /// </summary>
    /// <param name="caseId">The case.</param>
    /// <param name="action">Approve the provider, waitlist the patient, or cancel the appointment.</param>
    /// <param name="providerId">With <see cref="EscalationAction.ApproveProvider"/>: another candidate provider to offer; null offers the escalated proposal.</param>
    /// <param name="note">Why, in the reviewer's words (stored with the case; keep PHI out).</param>
    /// <param name="call">Per-call settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The resolved case.</returns>
    /// <exception cref="RerouteApiException">403 for other roles, 404 for an unknown case, 409 for a case already resolved, or another error.</exception>
    public Task<EscalationCase> ResolveEscalationAsync(
        string caseId, EscalationAction action, string? providerId = null, string note = "", RerouteCallOptions? call = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(note);
        return PostAsync<ResolveBody, EscalationCase>($"api/escalations/{Escape(caseId)}", new ResolveBody(action, providerId, note), call, cancellationToken);
    }

    private static string WorkflowPath(string workflowId) => $"api/workflows/{Escape(workflowId)}";

    // The enum's wire name ("running", "approve_provider"), as the silo reads it in a query string.
    private static string EnumText<T>(T value)
        where T : struct, Enum => JsonSerializer.Serialize(value, JsonOptions).Trim('"');

    private sealed record TriggerBody(string Type, string ProviderId, DateTimeOffset Start, DateTimeOffset End, string Reason, TriggerSource Source);

    private sealed record CancelBody(string Reason);

    private sealed record ResolveBody(EscalationAction Action, string? ProviderId, string Note);
}
