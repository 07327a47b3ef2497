using System.Net;
using System.Text.Json;
using Reroute.Silo.Security;
using Reroute.Silo.Tests.Infrastructure;
using Reroute.Silo.Tests.Scheduling;
using Reroute.SiloTesting;

namespace Reroute.Silo.Tests;

public sealed class RoutingApiTests
{
    private const string EdgeProfile = """
        {
          "tier": "Edge", "region": "eu-north", "cell": "cell-1", "rttMs": 2, "capacity": 4, "memoryGb": 48,
          "costPer1kTokens": 0.0006, "hostedModels": ["code-1b", "code-7b"],
          "certifiedPrivacy": ["Public", "Internal", "Phi"], "complianceTags": ["hipaa"]
        }
        """;

    private const string CloudProfile = """
        {
          "tier": "Cloud", "region": "eu-north", "rttMs": 40, "capacity": 64, "speedFactor": 2, "memoryGb": 320,
          "costPer1kTokens": 0.002, "hostedModels": ["code-1b", "code-7b", "code-34b"],
          "certifiedPrivacy": ["Public", "Internal", "Phi"], "complianceTags": ["hipaa"]
        }
        """;

    private const string Heartbeat = """{ "inFlight": 1, "queueDepth": 0, "warmModels": ["code-7b"] }""";

    private const string Request = """
        {
          "requestId": "req-1", "modality": "text", "inputTokens": 1000, "expectedOutputTokens": 20,
          "requiredModel": "code-7b", "latencySlaMs": 2000, "region": "eu-north", "cell": "cell-1",
          "network": { "rttMs": 10, "bandwidthMbps": 50 }
        }
        """;

    [Fact]
    public async Task A_registered_node_with_a_heartbeat_is_listed_and_routed_to_and_the_decision_is_in_the_history()
    {
        await using var silo = await TestSilo.StartAsync();
        var node = silo.Token("agent", "operator-1", Roles.MecNode);
        var op = silo.Token("op", "clinic-1", Roles.Operator);

        using (var registered = await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/edge-1", node, EdgeProfile))
        {
            Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
            Assert.Equal("Unhealthy", (await registered.BodyAsync()).GetProperty("node").GetProperty("health").GetString());
        }

        using (var beat = await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/edge-1/heartbeat", node, Heartbeat))
        {
            var body = await beat.BodyAsync();
            Assert.Equal(HttpStatusCode.OK, beat.StatusCode);
            Assert.Equal("Healthy", body.GetProperty("node").GetProperty("health").GetString());
            Assert.Equal(1, body.GetProperty("node").GetProperty("inFlight").GetInt32());
            Assert.Equal("Closed", body.GetProperty("breaker").GetProperty("state").GetString());
        }

        using (var routed = await silo.SendAsync(HttpMethod.Post, "/api/inference/route", silo.Token("app", "clinic-1", Roles.EhrIntegration), Request))
        {
            var decision = await routed.BodyAsync();
            Assert.Equal(HttpStatusCode.OK, routed.StatusCode);
            Assert.Equal("Routed", decision.GetProperty("status").GetString());
            Assert.Equal("edge-1", decision.GetProperty("nodeId").GetString());
            Assert.Equal("Edge", decision.GetProperty("tier").GetString());
            Assert.True(decision.GetProperty("rationale").GetArrayLength() > 0);
        }

        using var listed = await silo.GetAsync("/api/mec/nodes", op);
        var nodes = await listed.BodyAsync();
        Assert.Equal("edge-1", Assert.Single(nodes.EnumerateArray()).GetProperty("node").GetProperty("nodeId").GetString());

        using var history = await silo.GetAsync("/api/routing/decisions?limit=10", silo.Token("audit", "clinic-1", Roles.Auditor));
        var entry = Assert.Single((await history.BodyAsync()).EnumerateArray());
        Assert.Equal("req-1", entry.GetProperty("requestId").GetString());
        Assert.Equal("edge-1", entry.GetProperty("decision").GetProperty("nodeId").GetString());

        // Another tenant's history is its own.
        using var other = await silo.GetAsync("/api/routing/decisions", silo.Token("audit", "clinic-2", Roles.Auditor));
        Assert.Equal(0, (await other.BodyAsync()).GetArrayLength());
    }

    [Fact]
    public async Task Reported_failures_open_a_node_breaker_and_the_next_decision_avoids_the_node()
    {
        // A snapshot rebuilt for every decision, so the test needs no clock.
        await using var silo = await TestSilo.StartAsync(args: ["--Reroute:Routing:SnapshotRefreshInterval=00:00:00"]);
        var node = silo.Token("agent", "operator-1", Roles.MecNode);
        await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/edge-1", node, EdgeProfile).ExpectSuccessAsync();
        await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/edge-1/heartbeat", node, Heartbeat).ExpectSuccessAsync();
        await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/cloud-1", node, CloudProfile).ExpectSuccessAsync();
        await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/cloud-1/heartbeat", node, Heartbeat).ExpectSuccessAsync();
        var app = silo.Token("app", "clinic-1", Roles.EhrIntegration);
        using (var first = await silo.SendAsync(HttpMethod.Post, "/api/inference/route", app, Request))
        {
            Assert.Equal("edge-1", (await first.BodyAsync()).GetProperty("nodeId").GetString());
        }

        string? state = null;
        for (var i = 0; i < 5; i++)
        {
            using var reported = await silo.SendAsync(HttpMethod.Post, "/api/inference/outcome", app,
                $$"""{ "requestId": "req-1", "nodeId": "edge-1", "succeeded": false, "latencyMs": {{900 + i}} }""");
            Assert.Equal(HttpStatusCode.OK, reported.StatusCode);
            state = (await reported.BodyAsync()).GetProperty("state").GetString();
        }

        Assert.Equal("Open", state);
        using (var second = await silo.SendAsync(HttpMethod.Post, "/api/inference/route", app, Request.Replace("req-1", "req-2", StringComparison.Ordinal)))
        {
            Assert.Equal("cloud-1", (await second.BodyAsync()).GetProperty("nodeId").GetString());
        }

        using var history = await silo.GetAsync("/api/routing/decisions", silo.Token("audit", "clinic-1", Roles.Auditor));
        var decisions = (await history.BodyAsync()).EnumerateArray().ToList();
        Assert.Equal(["req-2", "req-1"], decisions.Select(d => d.GetProperty("requestId").GetString()));
        Assert.False(decisions[1].GetProperty("outcome").GetProperty("succeeded").GetBoolean());

        using var unknown = await silo.SendAsync(HttpMethod.Post, "/api/inference/outcome", app, """{ "requestId": "x", "nodeId": "ghost", "succeeded": true }""");
        await Problem.AssertAsync(unknown, HttpStatusCode.NotFound);
        using var negative = await silo.SendAsync(HttpMethod.Post, "/api/inference/outcome", app, """{ "requestId": "x", "nodeId": "edge-1", "latencyMs": -1 }""");
        var problem = await Problem.AssertAsync(negative, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("latencyMs", out _));
    }

    [Fact]
    public async Task Phi_goes_only_where_the_tenant_admin_approved_it()
    {
        await using var silo = await TestSilo.StartAsync();
        var node = silo.Token("agent", "operator-1", Roles.MecNode);
        await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/edge-1", node, EdgeProfile).ExpectSuccessAsync();
        await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/edge-1/heartbeat", node, Heartbeat).ExpectSuccessAsync();
        await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/cloud-1", node, CloudProfile).ExpectSuccessAsync();
        await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/cloud-1/heartbeat", node, Heartbeat).ExpectSuccessAsync();
        var app = silo.Token("app", "clinic-1", Roles.EhrIntegration);
        var phi = Request.Replace("\"modality\"", "\"privacy\": \"phi\", \"modality\"", StringComparison.Ordinal);

        using (var refused = await silo.SendAsync(HttpMethod.Post, "/api/inference/route", app, phi))
        {
            Assert.Equal("NoEligibleNode", (await refused.BodyAsync()).GetProperty("status").GetString());
        }

        var admin = silo.Token("boss", "clinic-1", Roles.Admin);
        await silo.SendAsync(HttpMethod.Put, "/api/routing/policy", admin, """{ "phiApprovedTiers": ["Cloud"] }""").ExpectSuccessAsync();
        using (var policy = await silo.GetAsync("/api/routing/policy", admin))
        {
            var body = await policy.BodyAsync();
            Assert.Equal("clinic-1", body.GetProperty("tenantId").GetString());
            Assert.Equal("Cloud", Assert.Single(body.GetProperty("phiApprovedTiers").EnumerateArray()).GetString());
        }

        using var routed = await silo.SendAsync(HttpMethod.Post, "/api/inference/route", app, phi.Replace("req-1", "req-2", StringComparison.Ordinal));
        var decision = await routed.BodyAsync();
        Assert.Equal("cloud-1", decision.GetProperty("nodeId").GetString());
        Assert.NotEqual("edge-1", decision.GetProperty("backupNodeId").GetString());
    }

    [Theory]
    [InlineData("\"modality\": \"text\"", "\"modality\": \"smell\"", "modality")]
    [InlineData("\"latencySlaMs\": 2000", "\"latencySlaMs\": 0", "latencySlaMs")]
    [InlineData("\"latencySlaMs\": 2000", "\"latencySlaMs\": -5", "latencySlaMs")]
    [InlineData("\"latencySlaMs\": 2000,", "", "latencySlaMs")]
    [InlineData("\"requestId\": \"req-1\",", "", "requestId")]
    [InlineData("\"requiredModel\": \"code-7b\",", "", "requiredModel")]
    [InlineData("\"region\": \"eu-north\",", "", "region")]
    [InlineData("\"inputTokens\": 1000", "\"inputTokens\": -1", "inputTokens")]
    public async Task A_bad_route_request_is_a_validation_problem_naming_the_field(string find, string replace, string field)
    {
        var problem = await RejectedRequestAsync("/api/inference/route", Roles.Scheduler, find, replace);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [InlineData("/api/inference/route", "\"latencySlaMs\": 2000", "\"latencySlaMs\": \"fast\"", "latencySlaMs", "expected a number")]
    [InlineData("/api/inference/route", "\"inputTokens\": 1000", "\"inputTokens\": 1.5", "inputTokens", "expected a whole number")]
    [InlineData("/api/inference/route", "\"network\": {", "\"network\": { \"jitterMs\": 3,", "network.jitterMs", "unknown field")]
    [InlineData("/api/inference/route", "\"cell\": \"cell-1\"", "\"cell\": \"cell-1\", \"bogus\": 1", "bogus", "unknown field")]
    [InlineData("/api/inference/route", "\"requestId\"", "\"requestID\"", "requestID", "unknown field")]
    [InlineData("/api/inference/route", "\"region\": \"eu-north\",", "\"region\": \"eu-north\",,", "$", "malformed JSON")]
    [InlineData("/api/inference/invoke", "\"cell\": \"cell-1\"", "\"cell\": \"cell-1\", \"messages\": [{ \"role\": \"user\", \"content\": \"hi\" }], \"maxTokens\": \"many\"", "maxTokens", "expected a whole number")]
    public async Task A_route_or_invoke_body_with_a_wrong_type_an_unknown_field_or_bad_JSON_is_a_400_naming_the_field(
        string path, string find, string replace, string field, string message)
    {
        var problem = await RejectedRequestAsync(path, Roles.EhrIntegration, find, replace);

        Assert.Equal([field], problem.ErrorFields());
        Assert.StartsWith(message, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    /// <summary>Posts <see cref="Request"/> with <paramref name="find"/> replaced to a fresh silo; the 400 problem it must get.</summary>
    private static async Task<JsonElement> RejectedRequestAsync(string path, string role, string find, string replace)
    {
        await using var silo = await TestSilo.StartAsync();
        var body = Request.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Request, body);

        using var response = await silo.SendAsync(HttpMethod.Post, path, silo.Token(role), body);
        return await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("{}", new[] { "nodeId", "requestId" })]
    [InlineData("""{ "requestId": "r1", "nodeId": "edge-1", "latencyMs": "slow" }""", new[] { "latencyMs" })]
    [InlineData("""{ "requestId": "r1", "nodeId": "edge-1", "succeeded": "yes" }""", new[] { "succeeded" })]
    [InlineData("""{ "requestId": "r1", "nodeId": "edge-1", "latency": 5 }""", new[] { "latency" })]
    [InlineData("""{ "requestId": "r1", """, new[] { "$" })]
    [InlineData("null", new[] { "$" })]
    [InlineData("[1]", new[] { "$" })]
    public async Task A_bad_outcome_body_is_a_400_naming_the_field_and_the_breaker_does_not_count_it(string outcome, string[] fields)
    {
        await using var silo = await TestSilo.StartAsync();
        var node = silo.Token("agent", "operator-1", Roles.MecNode);
        await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/edge-1", node, EdgeProfile).ExpectSuccessAsync();
        var before = await NodeAsync(silo, "edge-1");

        using var response = await silo.SendAsync(HttpMethod.Post, "/api/inference/outcome", silo.Token(Roles.EhrIntegration), outcome);

        Assert.Equal(fields, (await Problem.AssertAsync(response, HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(before, await NodeAsync(silo, "edge-1"));
    }

    [Theory]
    [InlineData("\"capacity\": 4", "\"capacity\": \"many\"", "capacity")]
    [InlineData("\"capacity\": 4", "\"capacity\": 4, \"gpu\": true", "gpu")]
    [InlineData("\"capacity\": 4", "\"Capacity\": 8", "Capacity")]
    [InlineData("\"tier\": \"Edge\"", "\"tier\": \"Moon\"", "tier")]
    [InlineData("\"hostedModels\": [\"code-1b\", \"code-7b\"]", "\"hostedModels\": \"code-1b\"", "hostedModels")]
    [InlineData("\"capacity\": 4", "\"capacity\": 4,,", "$")]
    public async Task A_refused_re_registration_names_the_field_and_leaves_the_node_as_it_was(string find, string replace, string field)
    {
        await using var silo = await TestSilo.StartAsync();
        var node = silo.Token("agent", "operator-1", Roles.MecNode);
        await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/edge-1", node, EdgeProfile).ExpectSuccessAsync();
        await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/edge-1/heartbeat", node, Heartbeat).ExpectSuccessAsync();
        var before = await NodeAsync(silo, "edge-1");
        var profile = EdgeProfile.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(EdgeProfile, profile);

        using var registered = await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/edge-1", node, profile);
        using var beat = await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/edge-1/heartbeat", node, """{ "inFlight": "two", "warmModels": [] }""");

        Assert.Equal([field], (await Problem.AssertAsync(registered, HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["inFlight"], (await Problem.AssertAsync(beat, HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(before, await NodeAsync(silo, "edge-1"));
    }

    [Fact]
    public async Task A_refused_registration_of_a_new_node_registers_nothing()
    {
        await using var silo = await TestSilo.StartAsync();
        var node = silo.Token("agent", "operator-1", Roles.MecNode);

        using var response = await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/edge-1", node,
            EdgeProfile.Replace("\"rttMs\": 2", "\"rttMs\": \"low\"", StringComparison.Ordinal));

        Assert.Equal(["rttMs"], (await Problem.AssertAsync(response, HttpStatusCode.BadRequest)).ErrorFields());
        await Problem.AssertAsync(await silo.GetAsync("/api/mec/nodes/edge-1", silo.Token(Roles.Operator)), HttpStatusCode.NotFound);
        using var listed = await silo.GetAsync("/api/mec/nodes", silo.Token(Roles.Operator));
        Assert.Equal(0, (await listed.BodyAsync()).GetArrayLength());
    }

    [Theory]
    [InlineData("""{ "phiApprovedTiers": "Edge" }""", "phiApprovedTiers")]
    [InlineData("""{ "phiApprovedTiers": ["Moon"] }""", "phiApprovedTiers[0]")]
    [InlineData("""{ "phiApprovedTiers": ["Edge"], "allowedRegion": ["eu-west"] }""", "allowedRegion")]
    [InlineData("""{ "phiApprovedTiers": ["Edge"], "allowedRegions": [1] }""", "allowedRegions[0]")]
    [InlineData("""{ "phiApprovedTiers": ["Edge"] """, "$")]
    public async Task A_refused_policy_update_names_the_field_and_leaves_the_policy_as_it_was(string policy, string field)
    {
        await using var silo = await TestSilo.StartAsync();
        var admin = silo.Token("boss", "clinic-1", Roles.Admin);
        await silo.SendAsync(HttpMethod.Put, "/api/routing/policy", admin, """{ "phiApprovedTiers": ["Cloud"], "allowedRegions": ["eu-north"] }""").ExpectSuccessAsync();
        var before = await silo.ReadAsync("/api/routing/policy", admin);

        using var response = await silo.SendAsync(HttpMethod.Put, "/api/routing/policy", admin, policy);

        Assert.Equal([field], (await Problem.AssertAsync(response, HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(before, await silo.ReadAsync("/api/routing/policy", admin));
    }

    [Theory]
    [InlineData("""{ "inFlight": 5 }""", "inFlight")]
    [InlineData("""{ "inFlight": -1 }""", "inFlight")]
    [InlineData("""{ "inFlight": 1, "queueDepth": -2 }""", "queueDepth")]
    [InlineData("""{ "inFlight": 1, "backlogMs": -10 }""", "backlogMs")]
    public async Task An_impossible_heartbeat_is_refused_naming_the_field_and_the_node_is_unchanged(string heartbeat, string field)
    {
        await using var silo = await TestSilo.StartAsync();
        var node = silo.Token("agent", "operator-1", Roles.MecNode);
        await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/edge-1", node, EdgeProfile).ExpectSuccessAsync();
        await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/edge-1/heartbeat", node, Heartbeat).ExpectSuccessAsync();
        using var before = await silo.GetAsync("/api/mec/nodes/edge-1", silo.Token(Roles.Operator));
        var expected = (await before.BodyAsync()).GetProperty("node").ToString();

        using var response = await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/edge-1/heartbeat", node, heartbeat);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        using var after = await silo.GetAsync("/api/mec/nodes/edge-1", silo.Token(Roles.Operator));
        Assert.Equal(expected, (await after.BodyAsync()).GetProperty("node").ToString());
    }

    [Fact]
    public async Task A_registration_with_negative_capacity_is_refused_and_nothing_is_registered()
    {
        await using var silo = await TestSilo.StartAsync();

        using var response = await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/edge-1", silo.Token(Roles.MecNode),
            EdgeProfile.Replace("\"capacity\": 4", "\"capacity\": -4", StringComparison.Ordinal));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("capacity", out _), problem.ToString());
        using var node = await silo.GetAsync("/api/mec/nodes/edge-1", silo.Token(Roles.Operator));
        await Problem.AssertAsync(node, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unknown_node_is_404()
    {
        await using var silo = await TestSilo.StartAsync();

        using var beat = await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/ghost/heartbeat", silo.Token(Roles.MecNode), Heartbeat);
        using var read = await silo.GetAsync("/api/mec/nodes/ghost", silo.Token(Roles.Operator));

        await Problem.AssertAsync(beat, HttpStatusCode.NotFound);
        await Problem.AssertAsync(read, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_decision_limit_out_of_range_is_a_validation_problem()
    {
        await using var silo = await TestSilo.StartAsync();

        using var response = await silo.GetAsync("/api/routing/decisions?limit=0", silo.Token(Roles.Operator));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("limit", out _));
    }

    [Theory]
    [InlineData("POST", "/api/mec/nodes/edge-1", Roles.Scheduler)]
    [InlineData("POST", "/api/mec/nodes/edge-1/heartbeat", Roles.Auditor)]
    [InlineData("GET", "/api/mec/nodes", Roles.MecNode)]
    [InlineData("GET", "/api/routing/decisions", Roles.Scheduler)]
    [InlineData("PUT", "/api/routing/policy", Roles.Operator)]
    [InlineData("GET", "/api/routing/policy", Roles.Auditor)]
    public async Task Each_route_refuses_roles_outside_its_policy_with_403(string method, string path, string role)
    {
        await using var silo = await TestSilo.StartAsync();

        using var response = await silo.SendAsync(new HttpMethod(method), path, silo.Token(role), method == "GET" ? null : "{}");

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("POST", "/api/inference/route")]
    [InlineData("POST", "/api/mec/nodes/edge-1")]
    [InlineData("GET", "/api/routing/decisions")]
    public async Task Each_route_needs_a_token(string method, string path)
    {
        await using var silo = await TestSilo.StartAsync();

        using var response = await silo.SendAsync(new HttpMethod(method), path, token: null, method == "GET" ? null : Request);

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    // The node as operators see it (profile, load, health, learned error rate, breaker), which a refused request must leave as it was.
    private static Task<string> NodeAsync(TestSilo silo, string id) => silo.ReadAsync($"/api/mec/nodes/{id}", silo.Token(Roles.Operator));
}
