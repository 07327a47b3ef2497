namespace Reroute.Client;

/// <summary>
/// How a <see cref="RerouteClient"/> reaches the silo: where, with which credentials, and how hard it tries.
/// The client copies these values when it is created; changing them afterwards has no effect on it.
/// </summary>
public sealed class RerouteClientOptions
{
    /// <summary>The default of <see cref="MaxRetryAttempts"/>.</summary>
    public const int DefaultMaxRetryAttempts = 3;

    /// <summary>The default of <see cref="BaseDelay"/>: short, because most transient faults (a silo restarting behind a load balancer) clear in well under a second.</summary>
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>The default of <see cref="MaxRetryDelay"/>.</summary>
    public static readonly TimeSpan DefaultMaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>The default of <see cref="Timeout"/>: the silo's own grain call timeout, so a slow grain fails on the silo first and says why.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The default of <see cref="TokenRefreshMargin"/>.</summary>
    public static readonly TimeSpan DefaultTokenRefreshMargin = TimeSpan.FromMinutes(1);

    /// <summary>The default of <see cref="ConnectionLifetime"/>.</summary>
    public static readonly TimeSpan DefaultConnectionLifetime = TimeSpan.FromMinutes(5);

    /// <summary>The shortest <see cref="Timeout"/> accepted (the retry library's own lower bound).</summary>
    public static readonly TimeSpan MinimumTimeout = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest <see cref="Timeout"/> accepted (the retry library's own upper bound).</summary>
    public static readonly TimeSpan MaximumTimeout = TimeSpan.FromHours(24);

    /// <summary>
    /// The silo's address, e.g. <c>https://reroute.clinic.example/</c>; a path is kept as a prefix. May be left null
    /// when the <see cref="HttpClient"/> given to the client has its own <see cref="HttpClient.BaseAddress"/>.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>A fixed bearer token. Set this or <see cref="TokenProvider"/>, not both.</summary>
    public string? BearerToken { get; set; }

    /// <summary>
    /// Supplies bearer tokens, e.g. from the integration's identity provider. Set this or <see cref="BearerToken"/>.
    /// The client asks for a token when it needs one and keeps a JWT until <see cref="TokenRefreshMargin"/> before its
    /// <c>exp</c>; a token without a readable <c>exp</c> is not kept, so the provider is asked on every request.
    /// After a 401 the kept token is dropped, so the next call asks again.
    /// </summary>
    public Func<CancellationToken, ValueTask<string>>? TokenProvider { get; set; }

    /// <summary>How long before a token's <c>exp</c> the client stops using it and asks <see cref="TokenProvider"/> for a new one.</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = DefaultTokenRefreshMargin;

    /// <summary>Retries after the first attempt of a call that failed transiently; 0 turns retries off.</summary>
    public int MaxRetryAttempts { get; set; } = DefaultMaxRetryAttempts;

    /// <summary>The median delay before the first retry; later retries back off exponentially, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = DefaultBaseDelay;

    /// <summary>
    /// The longest wait between two attempts. Backoff is capped at this; a <c>Retry-After</c> asking for longer is
    /// not waited out: the call fails at once, so the caller decides.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = DefaultMaxRetryDelay;

    /// <summary>How long one attempt (request and response body) may take before it is abandoned and, if allowed, retried.</summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>
    /// How long a pooled connection of a client-owned <see cref="HttpClient"/> lives, so that DNS changes (a fail-over
    /// of the silo's load balancer) are noticed. Ignored when the caller supplies the <see cref="HttpClient"/>.
    /// </summary>
    public TimeSpan ConnectionLifetime { get; set; } = DefaultConnectionLifetime;

    /// <summary>The clock for token expiry, retry delays and timeouts.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentException">An option is invalid; <see cref="ArgumentException.ParamName"/> names it.</exception>
    public void Validate()
    {
        if (BaseAddress is not null && (!BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttp && BaseAddress.Scheme != Uri.UriSchemeHttps)))
        {
            throw Invalid(nameof(BaseAddress), "must be an absolute http or https address");
        }

        if (BearerToken is not null && TokenProvider is not null)
        {
            throw Invalid(nameof(BearerToken), $"and {nameof(TokenProvider)} are both set; set one of them");
        }

        if (BearerToken is null && TokenProvider is null)
        {
            throw Invalid(nameof(BearerToken), $"or {nameof(TokenProvider)} must be set");
        }

        if (BearerToken is not null && string.IsNullOrWhiteSpace(BearerToken))
        {
            throw Invalid(nameof(BearerToken), "must not be empty");
        }

        if (TokenRefreshMargin < TimeSpan.Zero)
        {
            throw Invalid(nameof(TokenRefreshMargin), "must not be negative");
        }

        if (MaxRetryAttempts < 0)
        {
            throw Invalid(nameof(MaxRetryAttempts), "must not be negative");
        }

        if (BaseDelay < TimeSpan.Zero)
        {
            throw Invalid(nameof(BaseDelay), "must not be negative");
        }

        if (MaxRetryDelay < BaseDelay)
        {
            throw Invalid(nameof(MaxRetryDelay), $"must be at least {nameof(BaseDelay)} ({BaseDelay})");
        }

        if (Timeout < MinimumTimeout || Timeout > MaximumTimeout)
        {
            throw Invalid(nameof(Timeout), $"must be between {MinimumTimeout} and {MaximumTimeout}");
        }

        if (ConnectionLifetime <= TimeSpan.Zero && ConnectionLifetime != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw Invalid(nameof(ConnectionLifetime), "must be positive or infinite");
        }

        if (TimeProvider is null)
        {
            throw Invalid(nameof(TimeProvider), "must be set");
        }
    }

    private static ArgumentException Invalid(string option, string problem) =>
        new($"{nameof(RerouteClientOptions)}.{option} {problem}.", option);
}
