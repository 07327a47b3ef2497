using System.Net;
using System.Net.Sockets;
using Reroute.Client.Tests.Infrastructure;

namespace Reroute.Client.Tests;

/// <summary>Retries against a real HTTP server on Kestrel that answers from a script and records every attempt.</summary>
public sealed class RetryTests
{
    // A fixed instant on a whole second, so an HTTP date (whole seconds) converts to an exact delay.
    private static readonly DateTimeOffset Start = new(2030, 1, 7, 8, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_write_retried_after_503s_sends_the_same_idempotency_key_correlation_id_and_body_on_every_attempt()
    {
        await using var server = await ScriptedServer.StartAsync();
        using var client = new RerouteClient(Options(server));
        server.Script(
            ScriptedResponse.Problem(503, "Service Unavailable"),
            ScriptedResponse.Problem(503, "Service Unavailable"),
            ScriptedResponse.Json(201, new { id = "widget-1" }));

        var created = await client.PostAsync<object, Widget>("api/widgets", new { name = "knee brace" }, null, CancellationToken.None);

        Assert.Equal("widget-1", created.Id);
        var attempts = server.Requests;
        Assert.Equal(3, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(("POST", "/api/widgets"), (a.Method, a.Path)));
        var key = Assert.Single(attempts.Select(a => a.Header(RerouteHeaders.IdempotencyKey)).Distinct());
        var correlationId = Assert.Single(attempts.Select(a => a.Header(RerouteHeaders.CorrelationId)).Distinct());
        Assert.False(string.IsNullOrWhiteSpace(key));
        Assert.False(string.IsNullOrWhiteSpace(correlationId));
        Assert.NotEqual(key, correlationId);
        Assert.All(attempts, a => Assert.Equal("""{"name":"knee brace"}""", a.Body));
        Assert.All(attempts, a => Assert.Equal("Bearer test-token", a.Header("Authorization")));
    }

    [Fact]
    public async Task Each_logical_write_gets_its_own_idempotency_key()
    {
        await using var server = await ScriptedServer.StartAsync();
        using var client = new RerouteClient(Options(server));
        server.Script(ScriptedResponse.Json(201, new { id = "widget-1" }));

        await client.PostAsync<object, Widget>("api/widgets", new { name = "a" }, null, CancellationToken.None);
        await client.PutAsync<object, Widget>("api/widgets/1", new { name = "b" }, null, CancellationToken.None);

        var keys = server.Requests.Select(r => r.Header(RerouteHeaders.IdempotencyKey)).ToList();
        Assert.Equal(2, keys.Count);
        Assert.All(keys, k => Assert.Matches("^[0-9a-f]{32}$", k));
        Assert.NotEqual(keys[0], keys[1]);
    }

    [Fact]
    public async Task Callers_ids_are_sent_verbatim_and_reads_carry_no_idempotency_key()
    {
        await using var server = await ScriptedServer.StartAsync();
        using var client = new RerouteClient(Options(server));
        server.Script(ScriptedResponse.Json(200, new { id = "widget-1" }));

        await client.GetAsync<Widget>("api/widgets/1", new RerouteCallOptions { CorrelationId = "ehr-msg-1", IdempotencyKey = "ignored-for-reads" }, CancellationToken.None);
        await client.DeleteAsync("api/widgets/1", new RerouteCallOptions { CorrelationId = "ehr-msg-2", IdempotencyKey = "delete-widget-1" }, CancellationToken.None);

        var (read, delete) = (server.Requests[0], server.Requests[1]);
        Assert.Equal("ehr-msg-1", read.Header(RerouteHeaders.CorrelationId));
        Assert.Null(read.Header(RerouteHeaders.IdempotencyKey));
        Assert.Equal("DELETE", delete.Method);
        Assert.Equal("ehr-msg-2", delete.Header(RerouteHeaders.CorrelationId));
        Assert.Equal("delete-widget-1", delete.Header(RerouteHeaders.IdempotencyKey));
    }

    [Theory]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Transient_statuses_are_retried_up_to_the_limit_then_the_last_problem_is_surfaced(int status)
    {
        await using var server = await ScriptedServer.StartAsync();
        var options = Options(server);
        using var client = new RerouteClient(options);
        server.Script(ScriptedResponse.Problem(status, "Try again later", $"Attempt failed with {status}."));

        var error = await Assert.ThrowsAsync<RerouteApiException>(
            () => client.PostAsync<object, Widget>("api/widgets", new { name = "a" }, null, CancellationToken.None));

        Assert.Equal(options.MaxRetryAttempts + 1, server.Requests.Count);
        Assert.Single(server.Requests.Select(r => r.Header(RerouteHeaders.IdempotencyKey)).Distinct());
        Assert.Equal((HttpStatusCode)status, error.Status);
        Assert.Equal("Try again later", error.Problem.Title);
        Assert.Equal($"Try again later: Attempt failed with {status}. (HTTP {status})", error.Message);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(410)]
    [InlineData(413)]
    [InlineData(422)]
    [InlineData(500)]
    public async Task Statuses_that_will_not_change_on_repeat_are_sent_exactly_once(int status)
    {
        await using var server = await ScriptedServer.StartAsync();
        using var client = new RerouteClient(Options(server));
        server.Script(ScriptedResponse.Problem(status, "No"), ScriptedResponse.Json(201, new { id = "widget-1" }));

        var error = await Assert.ThrowsAsync<RerouteApiException>(
            () => client.PostAsync<object, Widget>("api/widgets", new { name = "a" }, null, CancellationToken.None));

        Assert.Single(server.Requests);
        Assert.Equal((HttpStatusCode)status, error.Status);
        Assert.Equal(status, error.Problem.Status);
    }

    [Fact]
    public async Task A_400_is_not_retried_and_its_validation_errors_extensions_and_ids_are_surfaced()
    {
        await using var server = await ScriptedServer.StartAsync();
        using var client = new RerouteClient(Options(server));
        server.Script(ScriptedResponse.Problem(
            400,
            "One or more validation errors occurred.",
            "The appointment could not be read.",
            new Dictionary<string, object?>
            {
                ["errors"] = new Dictionary<string, string[]> { ["start"] = ["Start is required.", "Start must be in the future."] },
                ["instance"] = "/api/widgets",
                ["correlationId"] = "silo-side-id",
                ["workflowId"] = "wf-9",
            }));

        var error = await Assert.ThrowsAsync<RerouteApiException>(
            () => client.PostAsync<object, Widget>("api/widgets", new { name = "a" }, null, CancellationToken.None));

        Assert.Single(server.Requests);
        var problem = error.Problem;
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal("https://tools.ietf.org/html/rfc9110#status-400", problem.Type);
        Assert.Equal("/api/widgets", problem.Instance);
        Assert.Equal("silo-side-id", problem.CorrelationId);
        Assert.StartsWith("00-", problem.TraceId, StringComparison.Ordinal);
        Assert.Equal(["Start is required.", "Start must be in the future."], problem.Errors!["start"]);
        Assert.Equal("wf-9", problem.Extensions["workflowId"].GetString());
        Assert.Equal("One or more validation errors occurred.: The appointment could not be read. (HTTP 400)", error.Message);
    }

    [Fact]
    public async Task An_error_without_a_problem_body_is_described_by_its_status_line_and_the_sent_correlation_id()
    {
        await using var server = await ScriptedServer.StartAsync();
        using var client = new RerouteClient(Options(server));
        server.Script(ScriptedResponse.Text(404, "<html>not here</html>"));

        var error = await Assert.ThrowsAsync<RerouteApiException>(
            () => client.GetAsync<Widget>("api/widgets/1", new RerouteCallOptions { CorrelationId = "ehr-msg-404" }, CancellationToken.None));

        Assert.Equal("Not Found", error.Problem.Title);
        Assert.Equal(404, error.Problem.Status);
        Assert.Null(error.Problem.Detail);
        Assert.Equal("ehr-msg-404", error.Problem.CorrelationId);
        Assert.Equal("Not Found (HTTP 404)", error.Message);
    }

    [Theory]
    [InlineData("seconds")]
    [InlineData("date")]
    public async Task Retry_after_is_waited_exactly_on_the_clients_clock(string form)
    {
        await using var server = await ScriptedServer.StartAsync();
        var clock = new ManualTimeProvider(Start);
        var options = Options(server);
        options.TimeProvider = clock;
        // Backoff alone would ask for a jittered ~1 s, and the attempt timeout for an hour: neither is 7 s.
        options.BaseDelay = TimeSpan.FromSeconds(1);
        options.Timeout = TimeSpan.FromHours(1);
        using var client = new RerouteClient(options);
        var retryAfter = TimeSpan.FromSeconds(7);
        var header = form == "seconds" ? "7" : (Start + retryAfter).ToString("R");
        server.Script(
            ScriptedResponse.Problem(429, "Too Many Requests").WithHeader("Retry-After", header),
            ScriptedResponse.Json(200, new { status = "healthy" }));

        var call = client.GetHealthAsync();
        var delay = await clock.WhenTimerRequested(due => due < options.Timeout).Within();
        Assert.False(call.IsCompleted);
        Assert.Single(server.Requests);
        clock.Advance(delay);
        var health = await call.Within();

        Assert.Equal(retryAfter, delay);
        Assert.Equal("healthy", health.Status);
        Assert.Equal(2, server.Requests.Count);
        Assert.Single(server.Requests.Select(r => r.Header(RerouteHeaders.CorrelationId)).Distinct());
    }

    [Fact]
    public async Task A_retry_after_beyond_the_maximum_delay_fails_at_once()
    {
        await using var server = await ScriptedServer.StartAsync();
        var options = Options(server);
        using var client = new RerouteClient(options);
        var tooLong = options.MaxRetryDelay + TimeSpan.FromSeconds(1);
        server.Script(
            ScriptedResponse.Problem(429, "Too Many Requests").WithHeader("Retry-After", ((int)tooLong.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ScriptedResponse.Json(200, new { status = "healthy" }));

        var error = await Assert.ThrowsAsync<RerouteApiException>(() => client.GetHealthAsync());

        Assert.Equal(HttpStatusCode.TooManyRequests, error.Status);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_attempt_that_hangs_times_out_on_the_clients_clock_and_is_retried()
    {
        await using var server = await ScriptedServer.StartAsync();
        var clock = new ManualTimeProvider(Start);
        var options = Options(server);
        options.TimeProvider = clock;
        options.Timeout = TimeSpan.FromSeconds(5);
        using var client = new RerouteClient(options);
        server.Script(ScriptedResponse.Hanging(), ScriptedResponse.Json(200, new { status = "healthy" }));

        var call = client.GetHealthAsync();
        await server.Hanging.Within();
        Assert.False(call.IsCompleted);
        clock.Advance(options.Timeout);
        var health = await call.Within();

        Assert.Equal("healthy", health.Status);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task An_attempt_that_times_out_with_no_retries_left_becomes_a_TimeoutException()
    {
        await using var server = await ScriptedServer.StartAsync();
        var clock = new ManualTimeProvider(Start);
        var options = Options(server);
        options.TimeProvider = clock;
        options.MaxRetryAttempts = 0;
        using var client = new RerouteClient(options);
        server.Script(ScriptedResponse.Hanging());

        var call = client.GetAsync<Widget>("api/widgets/1", new RerouteCallOptions { CorrelationId = "ehr-msg-slow" }, CancellationToken.None);
        await server.Hanging.Within();
        clock.Advance(options.Timeout);
        var error = await Assert.ThrowsAsync<TimeoutException>(() => call.Within());

        Assert.Contains("GET api/widgets/1", error.Message, StringComparison.Ordinal);
        Assert.Contains("ehr-msg-slow", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_retried()
    {
        await using var server = await ScriptedServer.StartAsync();
        using var client = new RerouteClient(Options(server));
        server.Script(ScriptedResponse.Hanging());
        using var cancellation = new CancellationTokenSource();

        var call = client.GetHealthAsync(cancellationToken: cancellation.Token);
        await server.Hanging.Within();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.Within());
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Connection_failures_are_retried()
    {
        await using var server = await ScriptedServer.StartAsync();
        var handler = new CountingHandler(failFirst: 2);
        using var http = new HttpClient(handler);
        using var client = new RerouteClient(http, Options(server));

        var health = await client.GetHealthAsync();

        Assert.Equal("healthy", health.Status);
        Assert.Equal(3, handler.Attempts);
        Assert.Single(server.Requests);
        Assert.Single(handler.CorrelationIds.Distinct());
    }

    [Fact]
    public async Task A_refused_connection_is_retried_up_to_the_limit_then_surfaces()
    {
        var handler = new CountingHandler();
        using var http = new HttpClient(handler);
        var options = new RerouteClientOptions { BaseAddress = ClosedPort(), BearerToken = "test-token", BaseDelay = TimeSpan.Zero };
        using var client = new RerouteClient(http, options);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetHealthAsync());

        Assert.Equal(options.MaxRetryAttempts + 1, handler.Attempts);
    }

    [Fact]
    public async Task A_path_in_the_base_address_is_kept_as_a_prefix()
    {
        await using var server = await ScriptedServer.StartAsync();
        var options = Options(server);
        options.BaseAddress = new Uri(server.Address, "gateway/reroute");
        using var client = new RerouteClient(options);

        await client.GetHealthAsync();

        Assert.Equal("/gateway/reroute/health", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task An_unacceptable_correlation_id_is_refused_before_anything_is_sent()
    {
        await using var server = await ScriptedServer.StartAsync();
        using var client = new RerouteClient(Options(server));

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => client.GetHealthAsync(new RerouteCallOptions { CorrelationId = "two words" }));

        Assert.Equal(nameof(RerouteCallOptions.CorrelationId), error.ParamName);
        Assert.Empty(server.Requests);
    }

    // Retries on, without backoff: these tests count attempts, not time.
    private static RerouteClientOptions Options(ScriptedServer server) => new()
    {
        BaseAddress = server.Address,
        BearerToken = "test-token",
        BaseDelay = TimeSpan.Zero,
    };

    private static Uri ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    private sealed record Widget(string Id);
}
