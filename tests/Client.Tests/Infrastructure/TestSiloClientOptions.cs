using Reroute.Silo.Security;

namespace Reroute.Client.Tests.Infrastructure;

internal static class TestSiloClientOptions
{
    /// <summary>Client options pointing at this silo; retries off unless a test turns them on, so a failure shows at once.</summary>
    public static RerouteClientOptions Options(this TestSilo silo, string? token = null, Func<CancellationToken, ValueTask<string>>? provider = null) => new()
    {
        BaseAddress = silo.Address,
        BearerToken = provider is null ? token ?? silo.Token(Roles.Admin) : null,
        TokenProvider = provider,
        MaxRetryAttempts = 0,
    };
}
