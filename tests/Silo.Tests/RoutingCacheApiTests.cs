using System.Net;
using Reroute.Silo.Security;
using Reroute.Silo.Tests.Infrastructure;
using Reroute.SiloTesting;

namespace Reroute.Silo.Tests;

public sealed class RoutingCacheApiTests
{
    private const string EdgeProfile = """
        {
          "tier": "Edge", "region": "eu-north", "cell": "cell-1", "rttMs": 2, "capacity": 4, "memoryGb": 20,
          "costPer1kTokens": 0.0006, "hostedModels": ["code-1b", "code-7b"],
          "certifiedPrivacy": ["Public"]
        }
        """;

    [Fact]
    public async Task An_invoke_counts_a_hit_on_the_warm_model_and_releases_it_afterwards()
    {
        await using var node = await FakeChatNode.StartAsync(ChatBehaviour.Answer, "hi");
        await using var silo = await TestSilo.StartAsync(args: ["--Reroute:Routing:SnapshotRefreshInterval=00:00:00"]);
        var agent = silo.Token("agent", "operator-1", Roles.MecNode);
        await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/edge-1", agent, EdgeProfile.Replace("\"memoryGb\": 20,", $"\"memoryGb\": 20, \"endpoint\": \"{node.Address}\",", StringComparison.Ordinal)).ExpectSuccessAsync();
        await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/edge-1/heartbeat", agent, """{ "warmModels": ["code-7b"] }""").ExpectSuccessAsync();

        await silo.SendAsync(HttpMethod.Post, "/api/inference/invoke", silo.Token("app", "clinic-1", Roles.EhrIntegration), """
            {
              "requestId": "req-1", "inputTokens": 100, "expectedOutputTokens": 10, "requiredModel": "code-7b", "latencySlaMs": 60000,
              "region": "eu-north", "cell": "cell-1", "messages": [{ "role": "user", "content": "hello" }]
            }
            """).ExpectSuccessAsync();

        using var plan = await silo.GetAsync("/api/mec/nodes/edge-1/cache", agent);
        var model = (await plan.BodyAsync()).GetProperty("models").EnumerateArray().Single(m => m.GetProperty("model").GetString() == "code-7b");
        Assert.Equal(1, model.GetProperty("hits").GetInt64());
        Assert.Equal(0, model.GetProperty("inUse").GetInt32());
        Assert.Equal(1, node.Calls);
    }

    [Fact]
    public async Task A_node_agent_reads_its_cache_plan_and_an_operator_deploy_of_a_cached_model_is_a_no_op_and_bad_ones_are_refused_unchanged()
    {
        await using var silo = await TestSilo.StartAsync();
        var agent = silo.Token("agent", "operator-1", Roles.MecNode);
        var op = silo.Token("op", "clinic-1", Roles.Operator);
        await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/edge-1", agent, EdgeProfile).ExpectSuccessAsync();
        await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/edge-1/heartbeat", agent, """{ "warmModels": ["code-1b", "code-7b"] }""").ExpectSuccessAsync();

        using (var plan = await silo.GetAsync("/api/mec/nodes/edge-1/cache", agent))
        {
            var body = await plan.BodyAsync();
            Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
            Assert.Equal(19, body.GetProperty("usedGb").GetDouble());
            Assert.Equal(["code-1b", "code-7b"], body.GetProperty("warm").EnumerateArray().Select(m => m.GetString()!).ToArray());
        }

        await Problem.AssertAsync(await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/edge-1/cache/code-34b", op), HttpStatusCode.UnprocessableEntity);
        await Problem.AssertAsync(await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/nowhere/cache/code-7b", op), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await silo.GetAsync("/api/mec/nodes/nowhere/cache", agent), HttpStatusCode.NotFound);
        using (var unchanged = await silo.GetAsync("/api/mec/nodes/edge-1/cache", agent))
        {
            Assert.Equal(19, (await unchanged.BodyAsync()).GetProperty("usedGb").GetDouble());
        }

        using var again = await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/edge-1/cache/code-7b", op);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("AlreadyCached", (await again.BodyAsync()).GetProperty("outcome").GetString());

        using var forbidden = await silo.SendAsync(HttpMethod.Post, "/api/mec/nodes/edge-1/cache/code-7b", silo.Token("app", "clinic-1", Roles.EhrIntegration));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}
