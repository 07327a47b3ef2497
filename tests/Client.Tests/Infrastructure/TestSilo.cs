using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reroute.Silo;
using Reroute.Silo.Security;

namespace Reroute.Client.Tests.Infrastructure;

/// <summary>
/// The real silo host on Kestrel on a free 127.0.0.1 port, with its own temporary data directory (as in
/// tests/Silo.Tests, which is another assembly).
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly TempDirectory _data;

    private TestSilo(WebApplication app, TempDirectory data)
    {
        App = app;
        _data = data;
        Address = new Uri(app.Urls.Single());
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public string DataDirectory => _data.Path;

    public static async Task<TestSilo> StartAsync()
    {
        var data = new TempDirectory();
        WebApplication? app = null;
        try
        {
            app = SiloHost.Build(
                ["--urls", "http://127.0.0.1:0", $"--Reroute:Silo:DataDirectory={data.Path}"],
                // The JSON console is the silo's real output; in tests it would only drown the runner's.
                builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
            await app.StartAsync();
            return new TestSilo(app, data);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            data.Dispose();
            throw;
        }
    }

    /// <summary>A token the silo accepts, minted by its own issuer with its signing key.</summary>
    public string TokenFor(string subject, string? tenant, TimeSpan? lifetime, params string[] roles) =>
        App.Services.GetRequiredService<TokenIssuer>().Issue(subject, roles, tenant, lifetime);

    public string Token(params string[] roles) => TokenFor("alice", "clinic-1", null, roles);

    /// <summary>Client options pointing at this silo; retries off unless a test turns them on, so a failure shows at once.</summary>
    public RerouteClientOptions Options(string? token = null, Func<CancellationToken, ValueTask<string>>? provider = null) => new()
    {
        BaseAddress = Address,
        BearerToken = provider is null ? token ?? Token(Roles.Admin) : null,
        TokenProvider = provider,
        MaxRetryAttempts = 0,
    };

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        _data.Dispose();
    }
}
