using System.Collections.Concurrent;

namespace Reroute.Client.Tests.Infrastructure;

/// <summary>
/// The handler of a caller-supplied <see cref="HttpClient"/> that lets the first requests reach the server and then loses
/// their responses, as a connection cut after the server answered does: the server acted, the caller never heard.
/// Records each attempt's idempotency key and whether the silo said it replayed the response.
/// </summary>
public sealed class LostResponseHandler(int loseFirst) : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly ConcurrentQueue<(string? IdempotencyKey, int Status, bool Replayed)> _attempts = new();
    private int _count;

    public IReadOnlyList<(string? IdempotencyKey, int Status, bool Replayed)> Attempts => [.. _attempts];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        _attempts.Enqueue((
            request.Headers.TryGetValues(RerouteHeaders.IdempotencyKey, out var keys) ? keys.Single() : null,
            (int)response.StatusCode,
            response.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Single() == "true"));
        if (Interlocked.Increment(ref _count) <= loseFirst)
        {
            response.Dispose();
            throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response was lost (simulated).");
        }

        return response;
    }
}
