using System.Net;
using Reroute.Interfaces.Routing;

namespace Reroute.Client;

// Inference routing: Route and Invoke for applications; Register, Heartbeat and the cache plan for node agents.
public sealed partial class RerouteClient
{
    // An invoke that failed on every node, or that no node may serve, is an answer to hand back, not a transient error to
    // retry: retrying would run the inference again on nodes that just failed it.
    private static readonly IReadOnlySet<HttpStatusCode> InvokeAnswers = new HashSet<HttpStatusCode> { HttpStatusCode.BadGateway, HttpStatusCode.UnprocessableEntity };

    /// <summary>Where the request should go, without running it: <c>POST /api/inference/route</c> (any role; tenant from the token).</summary>
    /// <exception cref="RerouteApiException">400 naming the field for bad input, 403 without a tenant, or another error.</exception>
    public Task<RouteDecision> RouteAsync(RouteRequest request, RerouteCallOptions? call = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostAsync<RouteRequest, RouteDecision>("api/inference/route", request, call, cancellationToken);
    }

    /// <summary>
    /// Routes the request and runs it on the chosen node (failing over to the backup as the decision's plan allows):
    /// <c>POST /api/inference/invoke</c>. Not retried by the client when every node failed (502) or none may serve it
    /// (422): the silo already retried and failed over, so both are thrown at once with the silo's problem.
    /// </summary>
    /// <exception cref="RerouteApiException">502 every attempt failed, 422 no eligible node, 400 bad input, or another error.</exception>
    public async Task<InvokeResult> InvokeAsync(InvokeRequest request, RerouteCallOptions? call = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await SendAsync<InvokeResult>(
            new Request(HttpMethod.Post, "api/inference/invoke", Serialize(request), call, Answers: InvokeAnswers),
            cancellationToken).ConfigureAwait(false);
        return response.Problem is { } problem ? throw new RerouteApiException(response.Status, problem) : response.Value!;
    }

    /// <summary>Reports how a routed request went on its node: <c>POST /api/inference/outcome</c>; the node's breaker state after it, null for the device tier.</summary>
    /// <exception cref="RerouteApiException">404 unknown node, 400 bad input, or another error.</exception>
    public Task<BreakerStatus?> ReportOutcomeAsync(RouteOutcome outcome, RerouteCallOptions? call = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return PostAsync<RouteOutcome, BreakerStatus?>("api/inference/outcome", outcome, call, cancellationToken);
    }

    /// <summary>Registers (or re-registers) a node: <c>POST /api/mec/nodes/{id}</c> (node agent, operator or admin).</summary>
    /// <exception cref="RerouteApiException">400 naming the field for an impossible profile, or another error.</exception>
    public Task<MecNodeState> RegisterNodeAsync(string nodeId, MecNodeProfile profile, RerouteCallOptions? call = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        ArgumentNullException.ThrowIfNull(profile);
        return PostAsync<MecNodeProfile, MecNodeState>(NodePath(nodeId), profile, call, cancellationToken);
    }

    /// <summary>Sends a node's heartbeat: <c>POST /api/mec/nodes/{id}/heartbeat</c>.</summary>
    /// <exception cref="RerouteApiException">404 for a node never registered, 400 naming the field for impossible values (nothing stored).</exception>
    public Task<MecNodeState> HeartbeatAsync(string nodeId, MecNodeHeartbeat heartbeat, RerouteCallOptions? call = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        ArgumentNullException.ThrowIfNull(heartbeat);
        return PostAsync<MecNodeHeartbeat, MecNodeState>(NodePath(nodeId) + "/heartbeat", heartbeat, call, cancellationToken);
    }

    /// <summary>The node's cache plan (load what is listed, unload the rest): <c>GET /api/mec/nodes/{id}/cache</c>.</summary>
    /// <exception cref="RerouteApiException">404 for a node never registered, or another error.</exception>
    public Task<ModelCacheStatus> GetNodeCacheAsync(string nodeId, RerouteCallOptions? call = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        return GetAsync<ModelCacheStatus>(NodePath(nodeId) + "/cache", call, cancellationToken);
    }

    /// <summary>The monitor's report: <c>GET /api/routing/report</c> (operator or admin).</summary>
    /// <exception cref="RerouteApiException">403 for other roles, or another error.</exception>
    public Task<RoutingReport> GetRoutingReportAsync(RerouteCallOptions? call = null, CancellationToken cancellationToken = default) =>
        GetAsync<RoutingReport>("api/routing/report", call, cancellationToken);

    private static string NodePath(string nodeId) => "api/mec/nodes/" + Uri.EscapeDataString(nodeId);
}
