using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Reroute.Runtime.Serialization;
using Reroute.Silo.Tests.Infrastructure;

namespace Reroute.Silo.Tests.Cluster;

/// <summary>
/// The HTTP API of a cluster of <see cref="SiloExecutable"/>s with one bearer token: requests go round robin to the
/// silos still alive, as a load balancer would send them.
/// </summary>
internal sealed class ClusterApi(IReadOnlyList<SiloExecutable> silos, string token)
{
    private int _next;
    private readonly ConcurrentQueue<string> _failureNotes = new();
    private int _failures;

    /// <summary>Requests that failed on the way (a silo killed under them) or answered 5xx; they are tried again later.</summary>
    public int Failures => _failures;

    /// <summary>The first few failed requests: silo, request, status and the start of the answer.</summary>
    public IEnumerable<string> FailureNotes => _failureNotes;

    public IReadOnlyList<SiloExecutable> Alive => [.. silos.Where(static s => s.Alive)];

    /// <summary>The next live silo in the rotation.</summary>
    public SiloExecutable Next()
    {
        var alive = Alive;
        return alive[(int)((uint)Interlocked.Increment(ref _next) % alive.Count)];
    }

    /// <summary>Sends to the next live silo; null when the request failed on the way (the caller tries again later).</summary>
    public async Task<HttpResponseMessage?> TrySendAsync(HttpMethod method, string path, object? body = null, string? idempotencyKey = null, SiloExecutable? to = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body, RuntimeJson.Options), Encoding.UTF8, "application/json");
        }

        return await TrySendAsync(to ?? Next(), request);
    }

    /// <summary>A body sent without a token to an anonymous endpoint (signed webhooks, offer links); null when it failed on the way.</summary>
    public async Task<HttpResponseMessage?> TryPostAnonymousAsync(string path, string json, string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.Add("X-Reroute-Signature", signature);
        }

        return await TrySendAsync(Next(), request);
    }

    /// <summary>A write that must succeed (seeding, before any silo is killed).</summary>
    public async Task PutAsync(string path, object body)
    {
        using var response = await TrySendAsync(HttpMethod.Put, path, body);
        Assert.NotNull(response);
        Assert.True(response.IsSuccessStatusCode, $"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A GET's body as <typeparamref name="T"/>; default when not found or when it failed on the way (try again later).</summary>
    public async Task<T?> TryGetAsync<T>(string path, SiloExecutable? from = null)
    {
        using var response = await TrySendAsync(HttpMethod.Get, path, to: from);
        if (response is null || response.StatusCode == HttpStatusCode.NotFound || (int)response.StatusCode >= 500)
        {
            return default;
        }

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.BodyAsync()).Deserialize<T>(RuntimeJson.Options);
    }

    /// <summary>A GET that must answer, read from any live silo (tried on the next one while a failover is under way).</summary>
    public async Task<T> GetAsync<T>(string path, SiloExecutable? from = null)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (await TryGetAsync<T>(path, from) is { } value)
            {
                return value;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
        }
    }

    private async Task<HttpResponseMessage?> TrySendAsync(SiloExecutable silo, HttpRequestMessage request)
    {
        try
        {
            var response = await silo.Client.SendAsync(request);
            if ((int)response.StatusCode >= 500)
            {
                Fail(silo, request, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            return response;
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !silo.Alive)
        {
            Fail(silo, request, error.GetType().Name);
            return null;
        }
    }

    private void Fail(SiloExecutable silo, HttpRequestMessage request, string what)
    {
        if (Interlocked.Increment(ref _failures) <= 10)
        {
            _failureNotes.Enqueue($"{silo.SiloId} {request.Method} {request.RequestUri}: {what[..Math.Min(what.Length, 300)]}");
        }
    }
}
