using System.Net;

namespace Reroute.Client;

// The typed methods, one per silo endpoint; each is a thin description of the request handed to the core.
public sealed partial class RerouteClient
{
    private static readonly IReadOnlySet<HttpStatusCode> NotReady = new HashSet<HttpStatusCode> { HttpStatusCode.ServiceUnavailable };

    /// <summary>Liveness: <c>GET /health</c>. Sent without a token.</summary>
    /// <exception cref="RerouteApiException">The silo answered with an error status.</exception>
    public Task<HealthResponse> GetHealthAsync(RerouteCallOptions? call = null, CancellationToken cancellationToken = default) =>
        SendAndThrowAsync<HealthResponse>(new Request(HttpMethod.Get, "health", null, call, Anonymous: true), cancellationToken);

    /// <summary>
    /// Readiness: <c>GET /ready</c>. Sent without a token. A 503 is an answer (not ready, with the silo's reason), not
    /// an error, and is not retried: a probe wants to know the state now.
    /// </summary>
    /// <exception cref="RerouteApiException">The silo answered with an error status other than 503.</exception>
    public async Task<ReadinessResult> GetReadinessAsync(RerouteCallOptions? call = null, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync<HealthResponse>(new Request(HttpMethod.Get, "ready", null, call, Anonymous: true, Answers: NotReady), cancellationToken)
            .ConfigureAwait(false);
        return response.Problem is { } problem
            ? new ReadinessResult(false, problem.Detail ?? problem.Title, problem)
            : new ReadinessResult(true, null, null);
    }

    /// <summary>The caller's identity as the silo reads the token: <c>GET /api/me</c> (any role).</summary>
    /// <exception cref="RerouteApiException">401 without a valid token, 403 without a known role, or another error.</exception>
    public Task<MeResponse> GetMeAsync(RerouteCallOptions? call = null, CancellationToken cancellationToken = default) =>
        GetAsync<MeResponse>("api/me", call, cancellationToken);

    /// <summary>The silo's name, version, uptime, data directory and grain runtime counts: <c>GET /api/silo</c> (admin or operator).</summary>
    /// <exception cref="RerouteApiException">401 without a valid token, 403 for other roles, or another error.</exception>
    public Task<SiloStatusResponse> GetSiloStatusAsync(RerouteCallOptions? call = null, CancellationToken cancellationToken = default) =>
        GetAsync<SiloStatusResponse>("api/silo", call, cancellationToken);
}
