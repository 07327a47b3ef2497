using System.Net;
using Reroute.Silo.Security;
using Reroute.Silo.Tests.Infrastructure;

namespace Reroute.Silo.Tests;

public sealed class InferenceInvokeApiTests
{
    private const string Heartbeat = """{ "inFlight": 1, "queueDepth": 0, "warmModels": ["code-7b"] }""";

    private const string Request = """
        {
          "requestId": "req-1", "modality": "text", "inputTokens": 1000, "expectedOutputTokens": 20,
          "requiredModel": "code-7b", "latencySlaMs": 2000, "region": "eu-north", "cell": "cell-1",
          "network": { "rttMs": 10, "bandwidthMbps": 50 },
          "messages": [{ "role": "user", "content": "Summarise the note." }]
        }
        """;

    // Backoff never waits, a snapshot is rebuilt for every decision, and two failures are enough for a breaker to judge.
    private static readonly string[] Fast =
    [
        "--Reroute:Routing:SnapshotRefreshInterval=00:00:00",
        "--Reroute:Routing:BreakerMinimumThroughput=2",
        "--Reroute:Inference:MaxBackoff=00:00:00",
        "--Reroute:Inference:MinAttemptTimeout=00:00:10",
    ];

    [Fact]
    public async Task The_primary_node_answers_and_the_caller_gets_its_content_and_usage()
    {
        await using var edge = await FakeChatNode.StartAsync(ChatBehaviour.Answer, "edge says hi");
        await using var cloud = await FakeChatNode.StartAsync(ChatBehaviour.Answer, "cloud says hi");
        await using var silo = await TestSilo.StartAsync(args: Fast);
        await RegisterNodes(silo, edge, cloud);

        using var response = await silo.SendAsync(HttpMethod.Post, "/api/inference/invoke", App(silo), Request);
        var body = await response.BodyAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("edge-1", body.GetProperty("servedBy").GetString());
        Assert.Equal("Edge", body.GetProperty("tier").GetString());
        Assert.Equal("edge says hi", body.GetProperty("content").GetString());
        Assert.Equal(15, body.GetProperty("usage").GetProperty("totalTokens").GetInt32());
        Assert.Equal("edge-1", body.GetProperty("decision").GetProperty("nodeId").GetString());
        var attempt = Assert.Single(body.GetProperty("attempts").EnumerateArray());
        Assert.Equal("Succeeded", attempt.GetProperty("outcome").GetString());
        Assert.Equal(0, cloud.Calls);

        // The node got an OpenAI-compatible request: the model, the messages and max_tokens from the expected output.
        var sent = edge.LastRequest!.Value;
        Assert.Equal("code-7b", sent.GetProperty("model").GetString());
        Assert.Equal("Summarise the note.", sent.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.Equal(20, sent.GetProperty("max_tokens").GetInt32());
    }

    [Theory]
    [InlineData(ChatBehaviour.ServerError)]
    [InlineData(ChatBehaviour.Garbage)]
    [InlineData(ChatBehaviour.NoChoice)]
    public async Task A_failing_primary_fails_over_to_the_backup_and_its_failures_open_its_breaker(ChatBehaviour primary)
    {
        await using var edge = await FakeChatNode.StartAsync(primary);
        await using var cloud = await FakeChatNode.StartAsync(ChatBehaviour.Answer, "cloud says hi");
        await using var silo = await TestSilo.StartAsync(args: Fast);
        await RegisterNodes(silo, edge, cloud);

        for (var i = 1; i <= 2; i++)
        {
            using var response = await silo.SendAsync(HttpMethod.Post, "/api/inference/invoke", App(silo), Request.Replace("req-1", $"req-{i}", StringComparison.Ordinal));
            var body = await response.BodyAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("cloud-1", body.GetProperty("servedBy").GetString());
            Assert.Equal("cloud says hi", body.GetProperty("content").GetString());
            var attempts = body.GetProperty("attempts").EnumerateArray().ToList();
            Assert.Equal(["edge-1", "cloud-1"], attempts.Select(a => a.GetProperty("node").GetString()));
            Assert.Equal(["Failed", "Succeeded"], attempts.Select(a => a.GetProperty("outcome").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(attempts[0].GetProperty("error").GetString()));
        }

        Assert.Equal(2, edge.Calls);
        using var node = await silo.GetAsync("/api/mec/nodes/edge-1", silo.Token("op", "clinic-1", Roles.Operator));
        Assert.Equal("Open", (await node.BodyAsync()).GetProperty("breaker").GetProperty("state").GetString());

        // With its breaker open the primary is no longer chosen: the cloud serves at once.
        using var third = await silo.SendAsync(HttpMethod.Post, "/api/inference/invoke", App(silo), Request.Replace("req-1", "req-3", StringComparison.Ordinal));
        var served = await third.BodyAsync();
        Assert.Equal("cloud-1", served.GetProperty("servedBy").GetString());
        Assert.Equal(2, edge.Calls);
    }

    [Fact]
    public async Task A_hanging_primary_is_cut_off_by_the_attempt_timeout_and_the_backup_answers()
    {
        await using var edge = await FakeChatNode.StartAsync(ChatBehaviour.Hang);
        await using var cloud = await FakeChatNode.StartAsync(ChatBehaviour.Answer, "cloud says hi");
        await using var silo = await TestSilo.StartAsync(args:
        [
            "--Reroute:Inference:MaxBackoff=00:00:00",
            "--Reroute:Inference:MinAttemptTimeout=00:00:01",
            "--Reroute:Inference:MaxAttemptTimeout=00:00:01",
        ]);
        await RegisterNodes(silo, edge, cloud);

        using var response = await silo.SendAsync(HttpMethod.Post, "/api/inference/invoke", App(silo), Request);
        var body = await response.BodyAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("cloud-1", body.GetProperty("servedBy").GetString());
        var first = body.GetProperty("attempts")[0];
        Assert.Equal("edge-1", first.GetProperty("node").GetString());
        Assert.Equal("TimedOut", first.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Every_attempt_failing_is_a_502_problem_listing_the_attempts()
    {
        await using var edge = await FakeChatNode.StartAsync(ChatBehaviour.ServerError);
        await using var cloud = await FakeChatNode.StartAsync(ChatBehaviour.Garbage);
        await using var silo = await TestSilo.StartAsync(args: Fast);
        await RegisterNodes(silo, edge, cloud);

        using var response = await silo.SendAsync(HttpMethod.Post, "/api/inference/invoke", App(silo), Request);
        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadGateway);
        var attempts = problem.GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal(["edge-1", "cloud-1"], attempts.Select(a => a.GetProperty("node").GetString()));
        Assert.All(attempts, a => Assert.Equal("Failed", a.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task Bad_input_names_the_field_and_no_eligible_node_is_a_422_with_the_rationale()
    {
        await using var silo = await TestSilo.StartAsync(args: Fast);
        var app = App(silo);

        using (var noMessages = await silo.SendAsync(HttpMethod.Post, "/api/inference/invoke", app, Request.Replace("[{ \"role\": \"user\", \"content\": \"Summarise the note.\" }]", "[]", StringComparison.Ordinal)))
        {
            var problem = await Problem.AssertAsync(noMessages, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("messages", out _));
        }

        using (var noRole = await silo.SendAsync(HttpMethod.Post, "/api/inference/invoke", app, Request.Replace("\"role\": \"user\", ", "", StringComparison.Ordinal)))
        {
            var problem = await Problem.AssertAsync(noRole, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("messages[0].role", out _));
        }

        using (var badEndpoint = await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/edge-1", silo.Token("agent", "operator-1", Roles.MecNode),
            """{ "tier": "Edge", "region": "eu-north", "endpoint": "ftp://node.example/" }"""))
        {
            var problem = await Problem.AssertAsync(badEndpoint, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("endpoint", out _));
        }

        // No node registered at all.
        using var nowhere = await silo.SendAsync(HttpMethod.Post, "/api/inference/invoke", app, Request);
        var refused = await Problem.AssertAsync(nowhere, HttpStatusCode.UnprocessableEntity);
        Assert.True(refused.GetProperty("rationale").GetArrayLength() > 0);
    }

    private static string App(TestSilo silo) => silo.Token("app", "clinic-1", Roles.EhrIntegration);

    private static async Task RegisterNodes(TestSilo silo, FakeChatNode edge, FakeChatNode cloud)
    {
        var agent = silo.Token("agent", "operator-1", Roles.MecNode);
        await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/edge-1", agent, $$"""
            {
              "tier": "Edge", "region": "eu-north", "cell": "cell-1", "rttMs": 2, "capacity": 4, "memoryGb": 48,
              "costPer1kTokens": 0.0006, "hostedModels": ["code-1b", "code-7b"], "endpoint": "{{edge.Address}}"
            }
            """).ExpectSuccessAsync();
        await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/edge-1/heartbeat", agent, Heartbeat).ExpectSuccessAsync();
        await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/cloud-1", agent, $$"""
            {
              "tier": "Cloud", "region": "eu-north", "rttMs": 40, "capacity": 64, "speedFactor": 2, "memoryGb": 320,
              "costPer1kTokens": 0.002, "hostedModels": ["code-1b", "code-7b"], "endpoint": "{{cloud.Address}}"
            }
            """).ExpectSuccessAsync();
        await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/cloud-1/heartbeat", agent, Heartbeat).ExpectSuccessAsync();
    }
}
