using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Reroute.Client.Tests.Infrastructure;
using Reroute.Runtime.Hosting;
using Reroute.Silo.Hosting;
using Reroute.Silo.Security;

namespace Reroute.Client.Tests;

/// <summary>The typed methods against the real silo on Kestrel.</summary>
public sealed class SiloApiTests
{
    [Fact]
    public async Task Health_reports_healthy()
    {
        await using var silo = await TestSilo.StartAsync();
        using var client = new RerouteClient(silo.Options());

        var health = await client.GetHealthAsync();

        Assert.Equal("healthy", health.Status);
    }

    [Fact]
    public async Task Health_and_readiness_do_not_ask_for_a_token()
    {
        await using var silo = await TestSilo.StartAsync();
        var asked = 0;
        using var client = new RerouteClient(silo.Options(provider: _ =>
        {
            Interlocked.Increment(ref asked);
            throw new InvalidOperationException("The identity provider is down.");
        }));

        var health = await client.GetHealthAsync();
        var readiness = await client.GetReadinessAsync();

        Assert.Equal("healthy", health.Status);
        Assert.True(readiness.IsReady);
        Assert.Equal(0, asked);
    }

    [Fact]
    public async Task A_ready_silo_reports_ready_without_a_reason()
    {
        await using var silo = await TestSilo.StartAsync();
        using var client = new RerouteClient(silo.Options());

        var readiness = await client.GetReadinessAsync();

        Assert.True(readiness.IsReady);
        Assert.Null(readiness.Reason);
        Assert.Null(readiness.Problem);
    }

    [Fact]
    public async Task A_silo_that_is_not_ready_gives_its_reason_at_once_without_retries_or_an_exception()
    {
        await using var silo = await TestSilo.StartAsync();
        silo.App.Services.GetRequiredService<SiloReadiness>().MarkNotReady("Draining for maintenance.");
        var handler = new CountingHandler();
        using var http = new HttpClient(handler);
        var options = silo.Options();
        options.MaxRetryAttempts = 3;
        options.BaseDelay = TimeSpan.Zero;
        using var client = new RerouteClient(http, options);

        var readiness = await client.GetReadinessAsync();

        Assert.False(readiness.IsReady);
        Assert.Equal("Draining for maintenance.", readiness.Reason);
        Assert.Equal(503, readiness.Problem?.Status);
        Assert.Equal(1, handler.Attempts);
    }

    [Fact]
    public async Task Me_returns_the_tokens_subject_roles_and_tenant()
    {
        await using var silo = await TestSilo.StartAsync();
        using var client = new RerouteClient(silo.Options(silo.TokenFor("bob", "clinic-7", null, Roles.Scheduler, Roles.Auditor)));

        var me = await client.GetMeAsync();

        Assert.Equal("bob", me.Subject);
        Assert.Equal([Roles.Scheduler, Roles.Auditor], me.Roles);
        Assert.Equal("clinic-7", me.Tenant);
    }

    [Fact]
    public async Task Silo_status_mirrors_what_the_silo_knows_about_itself()
    {
        await using var silo = await TestSilo.StartAsync();
        using var client = new RerouteClient(silo.Options(silo.Token(Roles.Operator)));
        var info = silo.App.Services.GetRequiredService<SiloInfo>();
        var runtime = silo.App.Services.GetRequiredService<IGrainRuntimeStatistics>().Snapshot();

        var status = await client.GetSiloStatusAsync();

        Assert.Equal(info.Name, status.Name);
        Assert.Equal(info.Version, status.Version);
        Assert.Equal(info.StartedAt, status.StartedAt);
        Assert.Equal(info.DataDirectory, status.DataDirectory);
        Assert.StartsWith(silo.DataDirectory, status.DataDirectory, StringComparison.Ordinal);
        Assert.True(status.Uptime > TimeSpan.Zero);
        Assert.Equal(runtime.StorageProvider, status.Runtime.StorageProvider);
        Assert.False(string.IsNullOrWhiteSpace(status.Runtime.StorageProvider));
        Assert.True(status.Runtime.Activations >= 0);
    }

    [Fact]
    public async Task An_invalid_token_becomes_a_401_exception_with_the_silos_problem_and_the_callers_correlation_id()
    {
        await using var silo = await TestSilo.StartAsync();
        using var client = new RerouteClient(silo.Options("not-a-jwt"));

        var error = await Assert.ThrowsAsync<RerouteApiException>(
            () => client.GetMeAsync(new RerouteCallOptions { CorrelationId = "ehr-msg-401" }));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Equal(401, error.Problem.Status);
        Assert.Equal("Unauthorized", error.Problem.Title);
        Assert.False(string.IsNullOrWhiteSpace(error.Problem.Detail));
        Assert.Equal("ehr-msg-401", error.Problem.CorrelationId);
        Assert.False(string.IsNullOrWhiteSpace(error.Problem.TraceId));
        Assert.Equal($"Unauthorized: {error.Problem.Detail} (HTTP 401)", error.Message);
    }

    [Fact]
    public async Task A_role_without_permission_becomes_a_403_exception_carrying_the_generated_correlation_id()
    {
        await using var silo = await TestSilo.StartAsync();
        var handler = new CountingHandler();
        using var http = new HttpClient(handler);
        using var client = new RerouteClient(http, silo.Options(silo.Token(Roles.Scheduler)));

        var error = await Assert.ThrowsAsync<RerouteApiException>(() => client.GetSiloStatusAsync());

        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        Assert.Equal("Forbidden", error.Problem.Title);
        Assert.Equal(403, error.Problem.Status);
        var sent = Assert.Single(handler.CorrelationIds);
        Assert.Matches("^[0-9a-f]{32}$", sent);
        Assert.Equal(sent, error.Problem.CorrelationId);
        Assert.Equal("Forbidden: The token's roles do not permit this operation. (HTTP 403)", error.Message);
    }
}
