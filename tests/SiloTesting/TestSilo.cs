using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reroute.Silo;
using Reroute.Silo.Security;

namespace Reroute.SiloTesting;

/// <summary>The real silo host on Kestrel on a free 127.0.0.1 port, with its own data directory.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly TempDirectory? _ownedData;

    private TestSilo(WebApplication app, TempDirectory? ownedData, string dataDirectory)
    {
        App = app;
        _ownedData = ownedData;
        DataDirectory = dataDirectory;
        Address = new Uri(app.Urls.Single());
        Client = new HttpClient { BaseAddress = Address };
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public Uri Address { get; }

    public string DataDirectory { get; }

    /// <summary>
    /// Builds (without starting) a silo on a free loopback port over <paramref name="dataDirectory"/>. The demo network is
    /// not seeded unless <paramref name="args"/> ask for it (<c>--Reroute:Demo:SeedOnFirstStart=true</c>; later keys win):
    /// tests start from an empty store and seeding every test silo would only cost time.
    /// </summary>
    public static WebApplication Build(string dataDirectory, Action<WebApplicationBuilder>? configure = null, params string[] args) =>
        SiloHost.Build(
            ["--urls", "http://127.0.0.1:0", $"--Reroute:Silo:DataDirectory={dataDirectory}", "--Reroute:Demo:SeedOnFirstStart=false", .. args],
            builder =>
            {
                // The JSON console is the silo's real output; in tests it would only drown the runner's.
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                configure?.Invoke(builder);
            });

    /// <summary>Builds and starts a silo; <paramref name="map"/> may add test-only endpoints before it starts.</summary>
    public static async Task<TestSilo> StartAsync(
        Action<WebApplicationBuilder>? configure = null,
        Action<WebApplication>? map = null,
        string? dataDirectory = null,
        params string[] args)
    {
        var owned = dataDirectory is null ? new TempDirectory() : null;
        var directory = dataDirectory ?? owned!.Path;
        WebApplication? app = null;
        try
        {
            app = Build(directory, configure, args);
            map?.Invoke(app);
            await app.StartAsync();
            return new TestSilo(app, owned, directory);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            owned?.Dispose();
            throw;
        }
    }

    public string Token(params string[] roles) => Token("alice", "clinic-1", roles);

    /// <summary>A token the silo accepts, minted by its own issuer with its signing key, with its own lifetime.</summary>
    public string TokenFor(string subject, string? tenant, TimeSpan? lifetime, params string[] roles) =>
        App.Services.GetRequiredService<TokenIssuer>().Issue(subject, roles, tenant, lifetime);

    public string Token(string subject, string? tenant, params string[] roles) =>
        App.Services.GetRequiredService<TokenIssuer>().Issue(subject, roles, tenant);

    public Task<HttpResponseMessage> GetAsync(string path, string? token = null, string? correlationId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (correlationId is not null)
        {
            request.Headers.Add("X-Correlation-Id", correlationId);
        }

        return Client.SendAsync(request);
    }

    /// <summary>Sends a request with an optional bearer token, JSON body and Idempotency-Key.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, string? json = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        return await Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        _ownedData?.Dispose();
    }
}
