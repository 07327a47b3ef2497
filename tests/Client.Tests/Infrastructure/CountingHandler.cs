using System.Collections.Concurrent;

namespace Reroute.Client.Tests.Infrastructure;

/// <summary>
/// The handler of a caller-supplied <see cref="HttpClient"/>: counts the attempts the client sends and records their
/// correlation ids; can make the first ones fail at the connection level, as a reset connection does.
/// </summary>
public sealed class CountingHandler(int failFirst = 0) : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly ConcurrentQueue<string?> _correlationIds = new();
    private int _attempts;

    public int Attempts => Volatile.Read(ref _attempts);

    public IReadOnlyList<string?> CorrelationIds => [.. _correlationIds];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        _correlationIds.Enqueue(request.Headers.TryGetValues(RerouteHeaders.CorrelationId, out var ids) ? ids.Single() : null);
        return attempt <= failFirst
            ? Task.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ConnectionError, "Connection reset (simulated)."))
            : base.SendAsync(request, cancellationToken);
    }
}
