using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Polly;
using Polly.Timeout;

namespace Reroute.Client;

/// <summary>
/// The typed client for a Reroute silo's API. Every call carries a bearer token and an <c>X-Correlation-Id</c>; writes
/// carry an <c>Idempotency-Key</c>. Transient failures (connection errors, timeouts, 408, 429, 502, 503, 504) are
/// retried with the same correlation id and idempotency key; error responses become <see cref="RerouteApiException"/>.
/// Thread-safe; create one per silo and keep it.
/// </summary>
public sealed partial class RerouteClient : IDisposable
{
    // Enums as strings, as the silo writes and reads them (a patient's preferred days are "Monday", not 1).
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly BearerTokenSource _tokens;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly TimeSpan _timeout;

    /// <summary>Creates a client with its own <see cref="HttpClient"/>, disposed with the client.</summary>
    /// <exception cref="ArgumentException">An option is invalid, or <see cref="RerouteClientOptions.BaseAddress"/> is missing.</exception>
    public RerouteClient(RerouteClientOptions options)
        : this(CreateHttpClient(options), options, ownsHttpClient: true)
    {
    }

    /// <summary>
    /// Creates a client over the caller's <see cref="HttpClient"/> (e.g. from <c>IHttpClientFactory</c>), which stays
    /// the caller's to dispose. Its <see cref="HttpClient.Timeout"/> still bounds each attempt.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid, or neither the options nor the client give a base address.</exception>
    public RerouteClient(HttpClient httpClient, RerouteClientOptions options)
        : this(httpClient, options, ownsHttpClient: false)
    {
    }

    private RerouteClient(HttpClient httpClient, RerouteClientOptions options, bool ownsHttpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.Validate();
            var baseAddress = options.BaseAddress ?? httpClient.BaseAddress
                ?? throw new ArgumentException(
                    $"{nameof(RerouteClientOptions)}.{nameof(RerouteClientOptions.BaseAddress)} must be set when the HttpClient has no BaseAddress.",
                    nameof(RerouteClientOptions.BaseAddress));

            // A trailing slash keeps a path prefix (a gateway's /reroute/) when relative paths are resolved against it.
            BaseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
            _http = httpClient;
            _ownsHttp = ownsHttpClient;
            _tokens = new BearerTokenSource(options.BearerToken, options.TokenProvider, options.TokenRefreshMargin, options.TimeProvider);
            _pipeline = RetryPolicy.Build(options);
            _timeout = options.Timeout;
        }
        catch when (ownsHttpClient)
        {
            httpClient.Dispose();
            throw;
        }
    }

    /// <summary>The silo address every path is resolved against; always ends with a slash.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Disposes the <see cref="HttpClient"/> if the client created it.</summary>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    // The building blocks of typed methods: reads are retried freely, writes because they carry an idempotency key.
    internal Task<TResponse> GetAsync<TResponse>(string path, RerouteCallOptions? call, CancellationToken cancellationToken) =>
        SendAndThrowAsync<TResponse>(new Request(HttpMethod.Get, path, null, call), cancellationToken);

    internal Task<TResponse> PostAsync<TBody, TResponse>(string path, TBody body, RerouteCallOptions? call, CancellationToken cancellationToken) =>
        SendAndThrowAsync<TResponse>(new Request(HttpMethod.Post, path, Serialize(body), call), cancellationToken);

    internal Task<TResponse> PutAsync<TBody, TResponse>(string path, TBody body, RerouteCallOptions? call, CancellationToken cancellationToken) =>
        SendAndThrowAsync<TResponse>(new Request(HttpMethod.Put, path, Serialize(body), call), cancellationToken);

    internal Task DeleteAsync(string path, RerouteCallOptions? call, CancellationToken cancellationToken) =>
        SendAndThrowAsync<JsonElement?>(new Request(HttpMethod.Delete, path, null, call), cancellationToken);

    private static byte[] Serialize<TBody>(TBody body) => JsonSerializer.SerializeToUtf8Bytes(body, JsonOptions);

    private async Task<TResponse> SendAndThrowAsync<TResponse>(Request request, CancellationToken cancellationToken)
    {
        var response = await SendAsync<TResponse>(request, cancellationToken).ConfigureAwait(false);
        return response.Value!;
    }

    /// <summary>
    /// The one path every call takes: headers, retries, and the translation of error responses. A status in
    /// <see cref="Request.Answers"/> is returned with its problem instead of thrown.
    /// </summary>
    private async Task<Response<TResponse>> SendAsync<TResponse>(Request request, CancellationToken cancellationToken)
    {
        request.Call?.Validate();
        var isWrite = request.Method != HttpMethod.Get && request.Method != HttpMethod.Head;
        var call = new Call(
            this,
            request,
            new Uri(BaseAddress, request.Path.TrimStart('/')),
            request.Call?.CorrelationId ?? NewId(),
            // One key per logical write, repeated on every attempt: that is what lets the silo apply a retried write once.
            isWrite ? request.Call?.IdempotencyKey ?? NewId() : null);

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RetryPolicy.Retryable, !isWrite || call.IdempotencyKey is not null);
        if (request.Answers is { } answers)
        {
            context.Properties.Set(RetryPolicy.Answers, answers);
        }

        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(
                static (attemptContext, state) => state.Client.SendAttemptAsync(state, attemptContext.CancellationToken),
                context,
                call).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException timeout)
        {
            // Callers should not need the retry library's types to handle a timeout.
            throw new TimeoutException(
                $"{request.Method} {request.Path} did not complete within {_timeout} (correlation id {call.CorrelationId}, {call.Attempts} attempt(s)).",
                timeout);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return new Response<TResponse>(response.StatusCode, await ReadBodyAsync<TResponse>(response, request, cancellationToken).ConfigureAwait(false), null);
            }

            var problem = await ProblemReader.ReadAsync(response, call.CorrelationId, cancellationToken).ConfigureAwait(false);
            if (request.Answers?.Contains(response.StatusCode) == true)
            {
                return new Response<TResponse>(response.StatusCode, default, problem);
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized && call.Token is { } refused)
            {
                _tokens.Reject(refused);
            }

            throw new RerouteApiException(response.StatusCode, problem);
        }
    }

    private async ValueTask<HttpResponseMessage> SendAttemptAsync(Call call, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref call.Attempts);
        using var message = new HttpRequestMessage(call.Request.Method, call.Uri);
        message.Headers.Accept.ParseAdd("application/json");
        message.Headers.Accept.ParseAdd("application/problem+json");
        message.Headers.Add(RerouteHeaders.CorrelationId, call.CorrelationId);
        if (call.IdempotencyKey is not null)
        {
            message.Headers.Add(RerouteHeaders.IdempotencyKey, call.IdempotencyKey);
        }

        if (!call.Request.Anonymous)
        {
            // Per attempt, not per call: a backoff may outlast the token.
            call.Token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", call.Token);
        }

        if (call.Request.Body is { } body)
        {
            message.Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } };
        }

        // The default completion option buffers the body, so the per-attempt timeout covers it and a cut-off body is retried.
        return await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<TResponse?> ReadBodyAsync<TResponse>(HttpResponseMessage response, Request request, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0)
        {
            return default;
        }

        return await response.Content.ReadFromJsonAsync<TResponse>(JsonOptions, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException($"{request.Method} {request.Path} answered {(int)response.StatusCode} with a null body.");
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    private static HttpClient CreateHttpClient(RerouteClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = options.ConnectionLifetime };

        // The per-attempt Timeout applies instead; HttpClient's own 100 s would cut across retries.
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>One logical call as the caller asked for it.</summary>
    /// <param name="Method">The HTTP method; anything but GET and HEAD is a write.</param>
    /// <param name="Path">Relative to <see cref="BaseAddress"/>.</param>
    /// <param name="Body">The JSON body, serialized once so every attempt sends the same bytes.</param>
    /// <param name="Call">The caller's correlation id and idempotency key, if any.</param>
    /// <param name="Anonymous">Sent without a token: health probes must not depend on the identity provider.</param>
    /// <param name="Answers">Error statuses returned to the typed method instead of thrown.</param>
    private sealed record Request(HttpMethod Method, string Path, byte[]? Body, RerouteCallOptions? Call, bool Anonymous = false, IReadOnlySet<HttpStatusCode>? Answers = null);

    private readonly record struct Response<T>(HttpStatusCode Status, T? Value, RerouteProblem? Problem);

    /// <summary>What stays the same across the attempts of one call, and what the last attempt used.</summary>
    private sealed class Call(RerouteClient client, Request request, Uri uri, string correlationId, string? idempotencyKey)
    {
        public int Attempts;

        public RerouteClient Client { get; } = client;

        public Request Request { get; } = request;

        public Uri Uri { get; } = uri;

        public string CorrelationId { get; } = correlationId;

        public string? IdempotencyKey { get; } = idempotencyKey;

        public string? Token { get; set; }
    }
}
