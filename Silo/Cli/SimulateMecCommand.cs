using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reroute.Grains.Routing.Simulation;
using Reroute.Silo.Options;
using Reroute.Silo.Security;
using Reroute.Silo.Simulation;

namespace Reroute.Silo.Cli;

/// <summary>
/// The <c>simulate-mec</c> verb: runs the silo with a virtual MEC topology whose OpenAI-compatible node emulator registers
/// its nodes and sends heartbeats, so <c>POST /api/inference/invoke</c> works end to end without hardware. With
/// <c>--requests N</c> it sends N invokes through the silo, prints how each went and exits; otherwise it runs until Ctrl+C.
/// </summary>
internal static class SimulateMecCommand
{
    private const string AgentSubject = "mec-emulator";
    private const string AgentTenant = "mec-operator";
    private const string DemoSubject = "mec-demo";
    private const string DemoTenant = "clinic-1";
    private const double DemoSlaMs = 30_000;
    private const int DemoInputTokens = 400;
    private const int DemoOutputTokens = 32;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Creates the verb.</summary>
    public static Command Create(IReadOnlyList<string> overrides)
    {
        var urls = new Option<string?>("--urls") { Description = "Addresses the silo listens on (default Reroute:Silo:Urls, http://127.0.0.1:8080)." };
        var cells = new Option<int>("--cells") { Description = "Cells, each with an edge node (cell 1 hosts the hub).", DefaultValueFactory = _ => new SimulationOptions().Cells };
        cells.Validators.Add(r => AtLeast(r, 1, "--cells"));
        var timeScale = new Option<double>("--time-scale")
        {
            Description = "Wall-clock milliseconds per emulated millisecond of service: 1 is real time, 0 answers at once.",
            DefaultValueFactory = _ => 1,
        };
        timeScale.Validators.Add(r =>
        {
            if (!(r.GetValueOrDefault<double>() >= 0))
            {
                r.AddError("--time-scale must be zero or more.");
            }
        });
        var faultCycle = new Option<TimeSpan>("--fault-cycle")
        {
            Description = "The span the topology's failures and brownouts repeat over (e.g. 10m). Default 10 minutes.",
            DefaultValueFactory = _ => TimeSpan.FromMinutes(10),
            CustomParser = r => Duration(r, "--fault-cycle"),
        };
        var heartbeat = new Option<TimeSpan>("--heartbeat-interval")
        {
            Description = "How often the node agents send heartbeats (e.g. 2s). Default 2 seconds.",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(2),
            CustomParser = r => Duration(r, "--heartbeat-interval"),
        };
        var requests = new Option<int>("--requests") { Description = "Send this many invokes through the silo, print them and exit (0: run until Ctrl+C)." };
        requests.Validators.Add(r => AtLeast(r, 0, "--requests"));

        var command = new Command(
            "simulate-mec",
            "Run the silo with a virtual MEC topology (cells, edge nodes, a hub and the cloud, model-size-dependent service "
            + "times, failures and brownouts) and an OpenAI-compatible node emulator on 127.0.0.1 that registers its nodes and "
            + "sends heartbeats, so /api/inference/invoke works end to end.")
        {
            urls,
            cells,
            timeScale,
            faultCycle,
            heartbeat,
            requests,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var hostArgs = overrides.ToList();
            if (parseResult.GetValue(urls) is { } addresses)
            {
                hostArgs.Add($"--urls={addresses}");
            }

            var (app, buildExit) = await SiloLaunch.BuildAsync([.. hostArgs], error);
            if (app is null)
            {
                return buildExit;
            }

            await using (app)
            {
                if (await SiloLaunch.StartAsync(app, error, cancellationToken) is { } startExit)
                {
                    return startExit;
                }

                var time = app.Services.GetRequiredService<TimeProvider>();
                var issuer = app.Services.GetRequiredService<TokenIssuer>();
                var silo = new Uri(app.Urls.First().TrimEnd('/') + "/");
                var agentToken = issuer.Issue(AgentSubject, [Roles.MecNode], AgentTenant);
                var demoToken = issuer.Issue(DemoSubject, [Roles.EhrIntegration], DemoTenant);
                var topology = new SimulationOptions { Cells = parseResult.GetValue(cells) };
                await using var emulator = await MecEmulator.StartAsync(
                    topology, parseResult.GetValue(timeScale), parseResult.GetValue(faultCycle), time, app.Services.GetRequiredService<ILoggerFactory>());
                using var http = new HttpClient();
                await emulator.RegisterAsync(http, silo, agentToken, cancellationToken);

                await output.WriteLineAsync($"silo:     {silo}");
                await output.WriteLineAsync($"emulator: {emulator.Address} (nodes {string.Join(", ", emulator.NodeIds)})");
                await output.WriteLineAsync($"token ({Roles.EhrIntegration}, tenant {DemoTenant}): {demoToken}");
                await output.WriteLineAsync(
                    $"try: curl -s -H 'Authorization: Bearer <token>' -H 'Content-Type: application/json' {silo}api/inference/invoke -d "
                    + $"'{{\"requestId\":\"r1\",\"requiredModel\":\"code-7b\",\"inputTokens\":400,\"expectedOutputTokens\":32,\"latencySlaMs\":30000,\"region\":\"{topology.Region}\",\"cell\":\"cell-1\",\"messages\":[{{\"role\":\"user\",\"content\":\"hello\"}}]}}'");

                using var beats = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var beating = Beat(emulator, http, silo, agentToken, parseResult.GetValue(heartbeat), time, beats.Token);
                var code = ExitCodes.Success;
                if (parseResult.GetValue(requests) is var count and > 0)
                {
                    code = await Demo(http, silo, demoToken, count, topology, output, cancellationToken);
                    await beats.CancelAsync();
                }

                await beating;
                await app.StopAsync(CancellationToken.None);
                return code;
            }
        });
        return command;
    }

    private static async Task Beat(MecEmulator emulator, HttpClient http, Uri silo, string token, TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await emulator.HeartbeatAsync(http, silo, token, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C, or the demo finished.
        }
    }

    // Invokes across the cells and models; a line per request, then a summary. Any failure makes the exit code say so.
    private static async Task<int> Demo(HttpClient http, Uri silo, string token, int count, SimulationOptions topology, TextWriter output, CancellationToken cancellationToken)
    {
        string[] models = [topology.SmallModel, topology.MediumModel];
        var served = 0;
        for (var i = 0; i < count; i++)
        {
            var body = new
            {
                requestId = string.Create(CultureInfo.InvariantCulture, $"sim-{i + 1}"),
                requiredModel = models[i % models.Length],
                inputTokens = DemoInputTokens,
                expectedOutputTokens = DemoOutputTokens,
                latencySlaMs = DemoSlaMs,
                region = topology.Region,
                cell = SimNodeCell(1 + (i % topology.Cells)),
                messages = new[] { new { role = "user", content = "Summarise the visit note in two lines." } },
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(silo, "api/inference/invoke")) { Content = JsonContent.Create(body, options: Json) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, cancellationToken);
            var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                served++;
                await output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{body.requestId} {body.requiredModel} {body.cell}: served by {answer.GetProperty("servedBy").GetString()} ({answer.GetProperty("tier").GetString()}), {answer.GetProperty("attempts").GetArrayLength()} attempt(s)"));
            }
            else
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{body.requestId} {body.requiredModel} {body.cell}: HTTP {(int)response.StatusCode} {answer}"));
            }
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{served} of {count} request(s) served"));
        return served == count ? ExitCodes.Success : ExitCodes.Unavailable;
    }

    private static string SimNodeCell(int cell) => "cell-" + cell.ToString(CultureInfo.InvariantCulture);

    private static void AtLeast(System.CommandLine.Parsing.OptionResult result, int min, string name)
    {
        if (result.GetValueOrDefault<int>() < min)
        {
            result.AddError($"{name} must be at least {min}.");
        }
    }

    private static TimeSpan Duration(System.CommandLine.Parsing.ArgumentResult result, string name)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
        if (DurationParser.TryParse(text, out var value) && value > TimeSpan.Zero)
        {
            return value;
        }

        result.AddError($"{name}: '{text}' is not a positive duration (e.g. 2s, 10m, 00:00:02).");
        return default;
    }
}
