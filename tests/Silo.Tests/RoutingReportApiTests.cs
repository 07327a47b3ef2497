using System.Net;
using Reroute.Silo.Security;
using Reroute.Silo.Tests.Infrastructure;
using Reroute.SiloTesting;

namespace Reroute.Silo.Tests;

public sealed class RoutingReportApiTests
{
    private const string EdgeProfile = """
        {
          "tier": "Edge", "region": "eu-north", "cell": "cell-1", "rttMs": 2, "capacity": 4, "memoryGb": 48,
          "costPer1kTokens": 0.0006, "hostedModels": ["code-1b", "code-7b"]
        }
        """;

    private const string Request = """
        {
          "requestId": "req-1", "modality": "text", "inputTokens": 1000, "expectedOutputTokens": 20,
          "requiredModel": "code-7b", "latencySlaMs": 2000, "region": "eu-north", "cell": "cell-1",
          "network": { "rttMs": 10, "bandwidthMbps": 50 }
        }
        """;

    [Fact]
    public async Task A_reported_outcome_reaches_the_monitor_report_and_what_it_learned()
    {
        await using var silo = await TestSilo.StartAsync();
        var agent = silo.Token("agent", "operator-1", Roles.MecNode);
        var app = silo.Token("app", "clinic-1", Roles.EhrIntegration);
        var op = silo.Token("op", "clinic-1", Roles.Operator);
        await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/edge-1", agent, EdgeProfile).ExpectSuccessAsync();
        await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/edge-1/heartbeat", agent, """{ "warmModels": ["code-7b"] }""").ExpectSuccessAsync();
        double estimate;
        using (var routed = await silo.SendAsync(HttpMethod.Post, "/api/inference/route", app, Request))
        {
            estimate = (await routed.BodyAsync()).GetProperty("estimatedLatencyMs").GetDouble();
        }

        // Twice as slow as estimated: the node's learned factor rises above 1.
        await silo.SendAsync(HttpMethod.Post, "/api/inference/outcome", app, $$"""
            { "requestId": "req-1", "nodeId": "edge-1", "succeeded": true, "latencyMs": {{2 * estimate}} }
            """).ExpectSuccessAsync();

        using var response = await silo.GetAsync("/api/routing/report", op);
        var report = await response.BodyAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var node = Assert.Single(report.GetProperty("nodes").EnumerateArray());
        Assert.Equal("edge-1", node.GetProperty("key").GetString());
        Assert.Equal(1, node.GetProperty("count").GetInt64());
        Assert.Equal(2 * estimate, node.GetProperty("p99Ms").GetDouble(), 3);
        Assert.Equal("Edge", Assert.Single(report.GetProperty("tiers").EnumerateArray()).GetProperty("key").GetString());
        var learned = Assert.Single(report.GetProperty("learning").GetProperty("nodes").EnumerateArray());
        Assert.True(learned.GetProperty("latencyFactor").GetDouble() > 1);
        var arm = Assert.Single(report.GetProperty("arms").EnumerateArray());
        Assert.Equal("control", arm.GetProperty("policy").GetString());
        Assert.Equal(1.0, arm.GetProperty("slaAttainment").GetDouble());

        using var forbidden = await silo.GetAsync("/api/routing/report", app);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task An_experiment_is_started_and_stopped_by_an_admin_and_a_bad_one_is_refused_naming_the_field()
    {
        await using var silo = await TestSilo.StartAsync();
        var admin = silo.Token("admin", "clinic-1", Roles.Admin);

        var invalid = await Problem.AssertAsync(
            await silo.SendAsync(HttpMethod.Put, "/api/routing/experiment", admin, """{ "name": "control", "fraction": 0.5 }"""), HttpStatusCode.BadRequest);
        Assert.True(invalid.GetProperty("errors").TryGetProperty("name", out _));
        var fraction = await Problem.AssertAsync(
            await silo.SendAsync(HttpMethod.Put, "/api/routing/experiment", admin, """{ "name": "cheap", "fraction": 2 }"""), HttpStatusCode.BadRequest);
        Assert.True(fraction.GetProperty("errors").TryGetProperty("fraction", out _));
        var uncertainty = await Problem.AssertAsync(
            await silo.SendAsync(HttpMethod.Put, "/api/routing/experiment", admin, """{ "name": "bold", "fraction": 0.2, "weights": { "queueUncertainty": -1 } }"""), HttpStatusCode.BadRequest);
        Assert.True(uncertainty.GetProperty("errors").TryGetProperty("weights.QueueUncertainty", out _));
        var ratios = await Problem.AssertAsync(
            await silo.SendAsync(HttpMethod.Put, "/api/routing/experiment", admin, """{ "name": "bold", "fraction": 0.2, "weights": { "looseServiceRatio": 0.7, "tightServiceRatio": 0.5 } }"""), HttpStatusCode.BadRequest);
        Assert.True(ratios.GetProperty("errors").TryGetProperty("weights.TightServiceRatio", out _));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, await Experiment(silo, admin));

        await silo.SendAsync(HttpMethod.Put, "/api/routing/experiment", admin, """{ "name": "cheap", "fraction": 0.2, "weights": { "cost": 1, "latency": 0.1 } }""").ExpectSuccessAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Object, await Experiment(silo, admin));

        using (var stopped = await silo.SendAsync(HttpMethod.Delete, "/api/routing/experiment", admin))
        {
            Assert.Equal(HttpStatusCode.NoContent, stopped.StatusCode);
        }

        Assert.Equal(System.Text.Json.JsonValueKind.Null, await Experiment(silo, admin));
    }

    private static async Task<System.Text.Json.JsonValueKind> Experiment(TestSilo silo, string token)
    {
        using var response = await silo.GetAsync("/api/routing/report", token);
        var learning = (await response.BodyAsync()).GetProperty("learning");
        return learning.TryGetProperty("experiment", out var experiment) ? experiment.ValueKind : System.Text.Json.JsonValueKind.Null;
    }
}
