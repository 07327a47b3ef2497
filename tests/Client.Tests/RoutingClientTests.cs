using System.Collections.Immutable;
using System.Net;
using Reroute.Client.Tests.Infrastructure;
using Reroute.Interfaces.Routing;
using Reroute.Silo.Security;

namespace Reroute.Client.Tests;

/// <summary>The routing methods against the real silo on Kestrel, with real HTTP servers as the nodes' chat endpoints.</summary>
public sealed class RoutingClientTests
{
    // Backoff never waits and every decision sees fresh nodes and breakers.
    private static readonly string[] Fast =
    [
        "--Reroute:Routing:SnapshotRefreshInterval=00:00:00",
        "--Reroute:Inference:MaxBackoff=00:00:00",
        "--Reroute:Inference:MinAttemptTimeout=00:00:10",
    ];

    private static readonly ScriptedResponse Completion = ScriptedResponse.Json(200, new
    {
        id = "cmpl-1",
        choices = new[] { new { index = 0, message = new { role = "assistant", content = "done" }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 7, completion_tokens = 3, total_tokens = 10 },
    });

    private static RouteRequest Request(string id = "req-1") => new()
    {
        RequestId = id,
        InputTokens = 1_000,
        ExpectedOutputTokens = 20,
        RequiredModel = "code-7b",
        LatencySlaMs = 2_000,
        Region = "eu-north",
        Cell = "cell-1",
        Network = new NetworkConditions { RttMs = 10, BandwidthMbps = 50 },
    };

    private static InvokeRequest Invoke(string id) => new()
    {
        RequestId = id,
        InputTokens = 1_000,
        ExpectedOutputTokens = 20,
        RequiredModel = "code-7b",
        LatencySlaMs = 2_000,
        Region = "eu-north",
        Cell = "cell-1",
        Network = new NetworkConditions { RttMs = 10, BandwidthMbps = 50 },
        Messages = [new ChatTurn("user", "Summarise the note.")],
    };

    private static MecNodeProfile Edge(Uri? endpoint = null) => new()
    {
        Tier = ComputeTier.Edge,
        Region = "eu-north",
        Cell = "cell-1",
        RttMs = 2,
        Capacity = 4,
        MemoryGb = 48,
        CostPer1kTokens = 0.0006,
        HostedModels = ["code-1b", "code-7b"],
        Endpoint = endpoint?.AbsoluteUri,
    };

    private static MecNodeProfile Cloud(Uri? endpoint = null) => new()
    {
        Tier = ComputeTier.Cloud,
        Region = "eu-north",
        RttMs = 40,
        Capacity = 64,
        SpeedFactor = 2,
        MemoryGb = 320,
        CostPer1kTokens = 0.002,
        HostedModels = ["code-1b", "code-7b"],
        Endpoint = endpoint?.AbsoluteUri,
    };

    private static async Task Nodes(TestSilo silo, Uri? edge = null, Uri? cloud = null)
    {
        using var agent = new RerouteClient(silo.Options(silo.Token("agent", "operator-1", Roles.MecNode)));
        await agent.RegisterNodeAsync("edge-1", Edge(edge));
        await agent.HeartbeatAsync("edge-1", new MecNodeHeartbeat { WarmModels = ["code-7b"] });
        await agent.RegisterNodeAsync("cloud-1", Cloud(cloud));
        await agent.HeartbeatAsync("cloud-1", new MecNodeHeartbeat { WarmModels = ["code-7b"] });
    }

    [Fact]
    public async Task A_node_agent_registers_and_beats_and_an_application_routes_and_reports_the_outcome()
    {
        await using var silo = await TestSilo.StartAsync(args: Fast);
        using var agent = new RerouteClient(silo.Options(silo.Token("agent", "operator-1", Roles.MecNode)));
        using var app = new RerouteClient(silo.Options(silo.Token("app", "clinic-1", Roles.EhrIntegration)));

        var registered = await agent.RegisterNodeAsync("edge-1", Edge());
        Assert.Equal(NodeHealth.Unhealthy, registered.Node.Health);
        var beat = await agent.HeartbeatAsync("edge-1", new MecNodeHeartbeat { InFlight = 1, WarmModels = ["code-7b"] });
        Assert.Equal((NodeHealth.Healthy, 1, BreakerState.Closed), (beat.Node.Health, beat.Node.InFlight, beat.Breaker.State));

        var decision = await app.RouteAsync(Request());
        Assert.Equal((RouteStatus.Routed, "edge-1", ComputeTier.Edge), (decision.Status, decision.NodeId, decision.Tier));
        Assert.NotEmpty(decision.Rationale);
        Assert.Equal(2_000, decision.LatencySlaMs);

        var breaker = await app.ReportOutcomeAsync(new RouteOutcome { RequestId = "req-1", NodeId = "edge-1", Succeeded = true, LatencyMs = 300 });
        Assert.Equal(BreakerState.Closed, breaker!.State);
        var plan = await agent.GetNodeCacheAsync("edge-1");
        Assert.Equal(["code-7b"], plan.Warm.ToArray());
    }

    [Fact]
    public async Task Bad_input_is_an_exception_naming_the_field_and_an_impossible_heartbeat_changes_nothing()
    {
        await using var silo = await TestSilo.StartAsync(args: Fast);
        using var agent = new RerouteClient(silo.Options(silo.Token("agent", "operator-1", Roles.MecNode)));
        using var app = new RerouteClient(silo.Options(silo.Token("app", "clinic-1", Roles.EhrIntegration)));
        await agent.RegisterNodeAsync("edge-1", Edge());
        await agent.HeartbeatAsync("edge-1", new MecNodeHeartbeat { InFlight = 2, WarmModels = ["code-7b"] });

        var sla = await Assert.ThrowsAsync<RerouteApiException>(() => app.RouteAsync(Request() with { LatencySlaMs = 0 }));
        var load = await Assert.ThrowsAsync<RerouteApiException>(() => agent.HeartbeatAsync("edge-1", new MecNodeHeartbeat { InFlight = 99 }));
        var unknown = await Assert.ThrowsAsync<RerouteApiException>(() => agent.HeartbeatAsync("nowhere", new MecNodeHeartbeat()));

        Assert.Equal(HttpStatusCode.BadRequest, sla.Status);
        Assert.True(sla.Problem.Errors!.ContainsKey("latencySlaMs"));
        Assert.Equal(HttpStatusCode.BadRequest, load.Status);
        Assert.True(load.Problem.Errors!.ContainsKey("inFlight"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        var unchanged = await agent.HeartbeatAsync("edge-1", new MecNodeHeartbeat { InFlight = 2, WarmModels = ["code-7b"] });
        Assert.Equal(2, unchanged.Node.InFlight);
    }

    [Fact]
    public async Task Invoke_runs_on_the_primary_and_fails_over_to_the_backup_when_the_primary_fails()
    {
        await using var edge = await ScriptedServer.StartAsync();
        await using var cloud = await ScriptedServer.StartAsync();
        await using var silo = await TestSilo.StartAsync(args: Fast);
        await Nodes(silo, edge.Address, cloud.Address);
        using var app = new RerouteClient(silo.Options(silo.Token("app", "clinic-1", Roles.EhrIntegration)));

        edge.Script(Completion);
        var served = await app.InvokeAsync(Invoke("inv-1"));
        Assert.Equal(("edge-1", ComputeTier.Edge, "done"), (served.ServedBy, served.Tier, served.Content));
        Assert.Equal(10, served.Usage!.TotalTokens);
        Assert.Equal("Succeeded", Assert.Single(served.Attempts).Outcome);

        edge.Script(ScriptedResponse.Text(500, "boom"));
        cloud.Script(Completion);
        var failedOver = await app.InvokeAsync(Invoke("inv-2"));
        Assert.Equal(("cloud-1", ComputeTier.Cloud), (failedOver.ServedBy, failedOver.Tier));
        Assert.Equal(["Failed", "Succeeded"], failedOver.Attempts.Select(a => a.Outcome).ToArray());
        Assert.Equal("edge-1", failedOver.Decision.NodeId);
    }

    [Fact]
    public async Task An_invoke_that_failed_on_every_node_is_thrown_at_once_and_not_run_again_by_client_retries()
    {
        await using var edge = await ScriptedServer.StartAsync();
        await using var cloud = await ScriptedServer.StartAsync();
        await using var silo = await TestSilo.StartAsync(args: Fast);
        await Nodes(silo, edge.Address, cloud.Address);
        var options = silo.Options(silo.Token("app", "clinic-1", Roles.EhrIntegration));
        options.MaxRetryAttempts = 3;
        using var app = new RerouteClient(options);
        edge.Script(ScriptedResponse.Text(500, "boom"));
        cloud.Script(ScriptedResponse.Text(503, "down"));

        var error = await Assert.ThrowsAsync<RerouteApiException>(() => app.InvokeAsync(Invoke("inv-3")));

        Assert.Equal(HttpStatusCode.BadGateway, error.Status);
        Assert.Single(edge.Requests);
        Assert.Single(cloud.Requests);
    }
}
