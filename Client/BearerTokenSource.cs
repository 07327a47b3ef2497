namespace Reroute.Client;

/// <summary>
/// Hands out the bearer token for each attempt: the static token, or the provider's token kept until shortly before
/// it expires. One refresh at a time, so a burst of calls after expiry asks the identity provider once, not per call.
/// </summary>
internal sealed class BearerTokenSource
{
    private readonly string? _staticToken;
    private readonly Func<CancellationToken, ValueTask<string>>? _provider;
    private readonly TimeSpan _refreshMargin;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private CachedToken? _cached;

    public BearerTokenSource(string? staticToken, Func<CancellationToken, ValueTask<string>>? provider, TimeSpan refreshMargin, TimeProvider timeProvider)
    {
        _staticToken = staticToken;
        _provider = provider;
        _refreshMargin = refreshMargin;
        _timeProvider = timeProvider;
    }

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_provider is null)
        {
            return _staticToken!;
        }

        if (Fresh(Volatile.Read(ref _cached)) is { } token)
        {
            return token;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another call may have refreshed while this one waited.
            if (Fresh(Volatile.Read(ref _cached)) is { } refreshed)
            {
                return refreshed;
            }

            var issued = await _provider(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(issued))
            {
                throw new InvalidOperationException($"{nameof(RerouteClientOptions)}.{nameof(RerouteClientOptions.TokenProvider)} returned an empty token.");
            }

            if (JwtExpiry.Read(issued) is { } expires)
            {
                Volatile.Write(ref _cached, new CachedToken(issued, expires - _refreshMargin));
            }

            return issued;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Forgets <paramref name="token"/> if it is still the kept one: the silo refused it, so asking again is the only way forward.</summary>
    public void Reject(string token)
    {
        var cached = Volatile.Read(ref _cached);
        if (cached is not null && string.Equals(cached.Token, token, StringComparison.Ordinal))
        {
            Interlocked.CompareExchange(ref _cached, null, cached);
        }
    }

    private string? Fresh(CachedToken? cached) =>
        cached is not null && _timeProvider.GetUtcNow() < cached.RefreshAt ? cached.Token : null;

    private sealed record CachedToken(string Token, DateTimeOffset RefreshAt);
}
