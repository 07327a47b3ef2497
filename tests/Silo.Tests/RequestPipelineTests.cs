using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reroute.Runtime;
using Reroute.Silo.Hosting;
using Reroute.Silo.Options;
using Reroute.Silo.Security;
using Reroute.Silo.Tests.Infrastructure;

namespace Reroute.Silo.Tests;

public sealed class RequestPipelineTests
{
    [Fact]
    public async Task The_callers_correlation_id_is_echoed()
    {
        await using var silo = await TestSilo.StartAsync();

        using var response = await silo.GetAsync("/health", correlationId: "req-42.a");

        Assert.Equal("req-42.a", response.Headers.GetValues(CorrelationMiddleware.HeaderName).Single());
    }

    [Fact]
    public async Task A_missing_or_unsafe_correlation_id_is_replaced_by_a_new_one()
    {
        await using var silo = await TestSilo.StartAsync();

        using var missing = await silo.GetAsync("/health");
        using var unsafeId = await silo.GetAsync("/health", correlationId: "evil\"id with spaces");

        var first = missing.Headers.GetValues(CorrelationMiddleware.HeaderName).Single();
        var second = unsafeId.Headers.GetValues(CorrelationMiddleware.HeaderName).Single();
        Assert.Matches("^[0-9a-f]{32}$", first);
        Assert.Matches("^[0-9a-f]{32}$", second);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Error_responses_carry_the_correlation_id_too()
    {
        await using var silo = await TestSilo.StartAsync();

        using var response = await silo.GetAsync("/api/me", correlationId: "trace-me");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("trace-me", response.Headers.GetValues(CorrelationMiddleware.HeaderName).Single());
        Assert.Equal("trace-me", problem.GetProperty("correlationId").GetString());
    }

    [Fact]
    public async Task Correlation_id_tenant_and_subject_reach_RequestContext()
    {
        await using var silo = await TestSilo.StartAsync(map: app => app.MapGet(
            "/test/context",
            () => Results.Json(new { RequestContext.CorrelationId, RequestContext.Tenant, RequestContext.Principal })));

        using var response = await silo.GetAsync("/test/context", silo.Token("carol", "clinic-5", Roles.Scheduler), "corr-7");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("corr-7", body.GetProperty("correlationId").GetString());
        Assert.Equal("clinic-5", body.GetProperty("tenant").GetString());
        Assert.Equal("carol", body.GetProperty("principal").GetString());
    }

    [Fact]
    public async Task Logs_carry_correlation_tenant_and_subject_but_never_the_token()
    {
        var logs = new CapturingLoggerProvider();
        await using var silo = await TestSilo.StartAsync(
            builder =>
            {
                builder.Logging.AddProvider(logs);
                builder.Logging.SetMinimumLevel(LogLevel.Information);
            },
            app => app.MapGet("/test/log", (ILogger<RequestPipelineTests> logger) =>
            {
                logger.LogInformation("Handled a test request");
                return Results.Ok();
            }));
        var token = silo.Token("dave", "clinic-3", Roles.Operator);

        using var ok = await silo.GetAsync("/test/log", token, "log-corr");
        using var forbidden = await silo.GetAsync("/api/me", token + "x", "log-corr-2");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forbidden.StatusCode);
        var entry = Assert.Single(logs.Entries, e => e.Message == "Handled a test request");
        Assert.Equal("log-corr", entry.Scopes[CorrelationMiddleware.ScopeKey]);
        Assert.Equal("clinic-3", entry.Scopes[PrincipalContextMiddleware.TenantScopeKey]);
        Assert.Equal("dave", entry.Scopes[PrincipalContextMiddleware.SubjectScopeKey]);
        Assert.Contains(logs.Entries, e => e.Scopes.GetValueOrDefault(CorrelationMiddleware.ScopeKey) == "log-corr-2");
        var signature = token.Split('.')[2];
        Assert.DoesNotContain(logs.Entries, e => e.AllText.Contains(signature, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unhandled_exception_becomes_a_500_problem_without_details_or_stack()
    {
        await using var silo = await TestSilo.StartAsync(map: app => app.MapGet(
            "/test/throw",
            IResult () => throw new InvalidOperationException("secret-detail-42")).AllowAnonymous());

        using var response = await silo.GetAsync("/test/throw", correlationId: "boom-1");

        await Problem.AssertAsync(response, HttpStatusCode.InternalServerError);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret-detail-42", text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
        Assert.Equal("boom-1", response.Headers.GetValues(CorrelationMiddleware.HeaderName).Single());
    }

    [Fact]
    public async Task An_unknown_path_is_a_404_problem_for_an_authenticated_caller()
    {
        await using var silo = await TestSilo.StartAsync();

        using var response = await silo.GetAsync("/api/nothing-here", silo.Token(Roles.Admin));

        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_OpenAPI_document_is_served_anonymously_and_lists_the_endpoints()
    {
        await using var silo = await TestSilo.StartAsync();

        using var response = await silo.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");
        foreach (var path in new[] { "/health", "/ready", "/api/me", "/api/silo" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }
    }

    [Fact]
    public async Task Request_bodies_over_the_configured_limit_are_refused()
    {
        const int limit = 1024;
        await using var silo = await TestSilo.StartAsync(
            map: app => app.MapPost("/test/length", async (HttpRequest request) =>
            {
                using var buffer = new MemoryStream();
                await request.Body.CopyToAsync(buffer);
                return Results.Ok(buffer.Length);
            }).AllowAnonymous(),
            args: $"--Reroute:Silo:MaxRequestBodySize={limit}");

        using var small = await silo.Client.PostAsync("/test/length", new ByteArrayContent(new byte[limit]));
        using var large = await silo.Client.PostAsync("/test/length", new ByteArrayContent(new byte[limit + 1]));

        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        await Problem.AssertAsync(large, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task The_default_body_limit_and_shutdown_timeout_come_from_SiloOptions()
    {
        using var data = new TempDirectory();
        await using var app = TestSilo.Build(data.Path, args: "--Reroute:Silo:ShutdownTimeout=00:00:07");

        Assert.Equal(SiloOptions.DefaultMaxRequestBodySize, app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxRequestBodySize);
        Assert.Equal(TimeSpan.FromSeconds(7), app.Services.GetRequiredService<IOptions<Microsoft.Extensions.Hosting.HostOptions>>().Value.ShutdownTimeout);
    }

    [Fact]
    public async Task Reroute_Silo_Urls_is_used_when_no_urls_are_given()
    {
        using var data = new TempDirectory();
        await using var app = SiloHost.Build([$"--Reroute:Silo:DataDirectory={data.Path}", "--Reroute:Silo:Urls=http://127.0.0.1:0"]);
        await app.StartAsync();

        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("http://127.0.0.1:", app.Urls.Single(), StringComparison.Ordinal);
        Assert.DoesNotContain(":0", app.Urls.Single()[^2..], StringComparison.Ordinal);
        await app.StopAsync();
    }
}
