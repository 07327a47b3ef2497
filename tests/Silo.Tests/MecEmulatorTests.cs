using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Reroute.Grains.Routing.Simulation;
using Reroute.Silo.Security;
using Reroute.Silo.Simulation;
using Reroute.Silo.Tests.Infrastructure;
using Reroute.SiloTesting;

namespace Reroute.Silo.Tests;

public sealed class MecEmulatorTests
{
    private static readonly TimeSpan Cycle = TimeSpan.FromMinutes(10);

    private static SimulationOptions Topology() => new()
    {
        Cells = 2,
        Faults =
        [
            new NodeFault("edge-cell-2", FaultKind.Down, 0.0, 0.5),
            new NodeFault("edge-cell-1", FaultKind.Brownout, 0.0, 0.5, 0.5),
        ],
    };

    private static async Task<HttpStatusCode> Complete(HttpClient http, MecEmulator emulator, string node, string model = "code-1b")
    {
        using var content = new StringContent($$"""{ "model": "{{model}}", "messages": [{ "role": "user", "content": "hello there" }], "max_tokens": 8 }""", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(emulator.Address, $"nodes/{node}/v1/chat/completions"), content);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_node_that_is_down_answers_503_and_its_agent_is_silent_until_its_fault_ends_and_a_browned_out_node_reports_degraded()
    {
        var time = new Reroute.Runtime.Testing.ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync();
        await using var emulator = await MecEmulator.StartAsync(Topology(), timeScale: 0, Cycle, time, NullLoggerFactory.Instance);
        using var http = new HttpClient();
        var agent = silo.Token("agent", "operator-1", Roles.MecNode);
        var op = silo.Token("op", "clinic-1", Roles.Operator);

        await emulator.RegisterAsync(http, silo.Address, agent, CancellationToken.None);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await Complete(http, emulator, "edge-cell-2"));
        Assert.Equal(HttpStatusCode.OK, await Complete(http, emulator, "edge-cell-1"));
        Assert.Equal(HttpStatusCode.BadRequest, await Complete(http, emulator, "edge-cell-1", model: "not-hosted"));
        Assert.Equal("Unhealthy", await Health(silo, op, "edge-cell-2"));
        Assert.Equal("Degraded", await Health(silo, op, "edge-cell-1"));
        Assert.Equal("Healthy", await Health(silo, op, "cloud-1"));

        time.Advance(Cycle / 2);
        await emulator.HeartbeatAsync(http, silo.Address, agent, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, await Complete(http, emulator, "edge-cell-2"));
        Assert.Equal("Healthy", await Health(silo, op, "edge-cell-2"));
        Assert.Equal("Healthy", await Health(silo, op, "edge-cell-1"));
    }

    private static async Task<string?> Health(TestSilo silo, string token, string node)
    {
        using var response = await silo.GetAsync($"/api/mec/nodes/{node}", token);
        return (await response.BodyAsync()).GetProperty("node").GetProperty("health").GetString();
    }
}
