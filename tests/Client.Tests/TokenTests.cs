using System.Buffers.Text;
using System.Net;
using System.Text;
using Reroute.Client.Tests.Infrastructure;
using Reroute.Silo.Security;

namespace Reroute.Client.Tests;

/// <summary>The token provider: asked once, its JWT kept until shortly before <c>exp</c>, dropped after a 401.</summary>
public sealed class TokenTests
{
    [Fact]
    public async Task The_provider_is_asked_once_and_its_token_is_kept_across_calls()
    {
        await using var silo = await TestSilo.StartAsync();
        var asked = 0;
        using var client = new RerouteClient(silo.Options(provider: _ =>
        {
            Interlocked.Increment(ref asked);
            return ValueTask.FromResult(silo.Token(Roles.Admin));
        }));

        await client.GetMeAsync();
        await client.GetMeAsync();
        await client.GetSiloStatusAsync();

        Assert.Equal(1, asked);
    }

    [Fact]
    public async Task The_provider_is_asked_again_once_the_token_nears_its_expiry()
    {
        await using var silo = await TestSilo.StartAsync();
        var lifetime = TimeSpan.FromMinutes(10);
        var clock = new ManualTimeProvider(TimeProvider.System.GetUtcNow());
        var asked = 0;
        var options = silo.Options(provider: _ =>
        {
            var n = Interlocked.Increment(ref asked);
            return ValueTask.FromResult(silo.TokenFor($"caller-{n}", "clinic-1", lifetime, Roles.Admin));
        });
        options.TimeProvider = clock;
        using var client = new RerouteClient(options);

        Assert.Equal("caller-1", (await client.GetMeAsync()).Subject);

        // The token's exp counts whole seconds on the silo's clock from a moment after the test clock's start, so step
        // to well before and well after the refresh point rather than onto it.
        var slack = TimeSpan.FromSeconds(30);
        clock.Advance(lifetime - options.TokenRefreshMargin - slack);
        Assert.Equal("caller-1", (await client.GetMeAsync()).Subject);
        Assert.Equal(1, asked);

        clock.Advance(slack + slack);
        Assert.Equal("caller-2", (await client.GetMeAsync()).Subject);
        Assert.Equal(2, asked);
    }

    [Fact]
    public async Task Concurrent_calls_share_one_refresh()
    {
        await using var silo = await TestSilo.StartAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var asked = 0;
        using var client = new RerouteClient(silo.Options(provider: async cancellationToken =>
        {
            Interlocked.Increment(ref asked);
            await gate.Task.WaitAsync(cancellationToken);
            return silo.Token(Roles.Admin);
        }));

        var calls = Enumerable.Range(0, 8).Select(_ => client.GetMeAsync()).ToList();
        gate.SetResult();
        var results = await Task.WhenAll(calls).Within();

        Assert.All(results, me => Assert.Equal("alice", me.Subject));
        Assert.Equal(1, asked);
    }

    [Fact]
    public async Task A_token_the_silo_refuses_is_dropped_so_the_next_call_asks_again()
    {
        await using var silo = await TestSilo.StartAsync();
        var tokens = new Queue<string>([Forged(TimeProvider.System.GetUtcNow().AddHours(1)), silo.Token(Roles.Admin)]);
        var asked = 0;
        using var client = new RerouteClient(silo.Options(provider: _ =>
        {
            Interlocked.Increment(ref asked);
            return ValueTask.FromResult(tokens.Dequeue());
        }));

        var refused = await Assert.ThrowsAsync<RerouteApiException>(() => client.GetMeAsync());
        var me = await client.GetMeAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal("alice", me.Subject);
        Assert.Equal(2, asked);
    }

    [Fact]
    public async Task A_token_without_a_readable_expiry_is_not_kept()
    {
        await using var server = await ScriptedServer.StartAsync();
        var asked = 0;
        using var client = new RerouteClient(new RerouteClientOptions
        {
            BaseAddress = server.Address,
            TokenProvider = _ => ValueTask.FromResult($"opaque-{Interlocked.Increment(ref asked)}"),
        });
        server.Script(ScriptedResponse.Json(200, new { subject = "x", roles = new[] { "admin" }, tenant = (string?)null }));

        await client.GetMeAsync();
        await client.GetMeAsync();

        Assert.Equal(2, asked);
        Assert.Equal(["Bearer opaque-1", "Bearer opaque-2"], server.Requests.Select(r => r.Header("Authorization")));
    }

    [Fact]
    public async Task A_static_token_is_sent_as_given()
    {
        await using var server = await ScriptedServer.StartAsync();
        using var client = new RerouteClient(new RerouteClientOptions { BaseAddress = server.Address, BearerToken = "static-token" });
        server.Script(ScriptedResponse.Json(200, new { subject = "x", roles = new[] { "admin" }, tenant = "clinic-1" }));

        var me = await client.GetMeAsync();

        Assert.Equal("clinic-1", me.Tenant);
        Assert.Equal("Bearer static-token", Assert.Single(server.Requests).Header("Authorization"));
    }

    // Shaped like a JWT with a future exp, so the client keeps it; signed with nothing the silo knows, so it is refused.
    private static string Forged(DateTimeOffset expires)
    {
        static string Part(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
        return $"{Part("""{"alg":"HS256","typ":"JWT"}""")}.{Part($$"""{"sub":"mallory","exp":{{expires.ToUnixTimeSeconds()}}}""")}.{Part("forged")}";
    }
}
