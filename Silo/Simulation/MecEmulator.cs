using System.Collections.Immutable;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Reroute.Grains.Routing.Simulation;
using Reroute.Interfaces.Routing;

namespace Reroute.Silo.Simulation;

/// <summary>
/// A virtual MEC topology on 127.0.0.1: every node of <see cref="TraceReplay.Topology"/> (an edge node per cell, a hub, the
/// cloud) answers OpenAI-compatible chat completions at <c>{address}/nodes/{id}/v1/chat/completions</c> after the service
/// time its model and speed give (scaled by the time scale; 0 answers at once), with the faults of
/// <see cref="SimulationOptions.Faults"/> repeating over a fault cycle. Its node agents register the nodes with a silo and
/// send heartbeats; a node that is down answers 503 and its agent stays silent, as a failed node's would.
/// </summary>
public sealed partial class MecEmulator : IAsyncDisposable
{
    private const string CompletionsPath = "/nodes/{id}/v1/chat/completions";
    private const int CharsPerToken = 4;
    private const int DefaultMaxTokens = 64;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly WebApplication _app;
    private readonly ImmutableArray<EmulatedNode> _nodes;
    private readonly TimeProvider _time;
    private readonly double _timeScale;
    private readonly TimeSpan _faultCycle;
    private readonly DateTimeOffset _started;
    private readonly ILogger _logger;

    private MecEmulator(WebApplication app, ImmutableArray<EmulatedNode> nodes, TimeProvider time, double timeScale, TimeSpan faultCycle, ILogger logger)
    {
        _app = app;
        _nodes = nodes;
        _time = time;
        _timeScale = timeScale;
        _faultCycle = faultCycle;
        _started = time.GetUtcNow();
        _logger = logger;
        app.MapPost(CompletionsPath, Complete);
    }

    /// <summary>The emulator's base address.</summary>
    public Uri Address => new(_app.Urls.Single());

    /// <summary>The emulated nodes' ids.</summary>
    public ImmutableArray<string> NodeIds => [.. _nodes.Select(n => n.Id)];

    /// <summary>Starts the emulator on a free 127.0.0.1 port.</summary>
    /// <param name="topology">Cells, capacities, speeds, models and faults.</param>
    /// <param name="timeScale">Wall-clock milliseconds per emulated millisecond of service (0: answer at once).</param>
    /// <param name="faultCycle">The span the faults' fractions refer to; the schedule repeats.</param>
    /// <param name="time">The clock.</param>
    /// <param name="loggerFactory">Where the emulator logs.</param>
    public static async Task<MecEmulator> StartAsync(SimulationOptions topology, double timeScale, TimeSpan faultCycle, TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentOutOfRangeException.ThrowIfNegative(timeScale);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(faultCycle, TimeSpan.Zero);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var seed = topology.Seed;
        ImmutableArray<EmulatedNode> nodes = [.. TraceReplay.Topology(topology).Select(spec => new EmulatedNode(spec, topology.Faults, topology.Models, topology.ServiceNoiseSigma, seed++))];
        var emulator = new MecEmulator(app, nodes, time, timeScale, faultCycle, loggerFactory.CreateLogger<MecEmulator>());
        await app.StartAsync();
        return emulator;
    }

    /// <summary>Registers every node with the silo at <paramref name="silo"/>, each with its endpoint here, and sends a first heartbeat.</summary>
    public async Task RegisterAsync(HttpClient http, Uri silo, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        foreach (var node in _nodes)
        {
            var spec = node.Spec;
            var profile = new MecNodeProfile
            {
                Tier = spec.Tier,
                Region = spec.Region,
                Cell = spec.Cell,
                RttMs = spec.RttMs,
                Capacity = spec.Capacity,
                SpeedFactor = spec.SpeedFactor,
                HasGpu = spec.HasGpu,
                MemoryGb = spec.MemoryGb,
                CostPer1kTokens = spec.CostPer1kTokens,
                HostedModels = spec.HostedModels,
                CertifiedPrivacy = spec.CertifiedPrivacy,
                ComplianceTags = spec.ComplianceTags,
                Endpoint = new Uri(Address, $"nodes/{Uri.EscapeDataString(node.Id)}").AbsoluteUri,
            };
            await Post(http, new Uri(silo, $"api/mec/nodes/{Uri.EscapeDataString(node.Id)}"), token, profile, cancellationToken);
        }

        await HeartbeatAsync(http, silo, token, cancellationToken);
    }

    /// <summary>Sends every live node's heartbeat once; nodes that are down stay silent.</summary>
    public async Task HeartbeatAsync(HttpClient http, Uri silo, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var fraction = CycleFraction();
        foreach (var node in _nodes)
        {
            var fault = node.FaultAt(fraction);
            if (fault is { Kind: FaultKind.Down })
            {
                continue;
            }

            await Post(http, new Uri(silo, $"api/mec/nodes/{Uri.EscapeDataString(node.Id)}/heartbeat"), token, node.Heartbeat(fault), cancellationToken);
        }
    }

    /// <summary>Stops the emulator.</summary>
    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static async Task Post<T>(HttpClient http, Uri uri, string token, T body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(body, options: Json) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"{uri.AbsolutePath} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}",
                null,
                response.StatusCode);
        }
    }

    private double CycleFraction()
    {
        var elapsed = _time.GetUtcNow() - _started;
        return elapsed.Ticks % _faultCycle.Ticks / (double)_faultCycle.Ticks;
    }

    private async Task<IResult> Complete(string id, HttpRequest http, CancellationToken cancellationToken)
    {
        var node = _nodes.FirstOrDefault(n => n.Id == id);
        if (node is null)
        {
            return Results.NotFound();
        }

        var fault = node.FaultAt(CycleFraction());
        if (fault is { Kind: FaultKind.Down })
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        var model = body?["model"]?.GetValue<string>();
        if (model is null || !node.Hosts(model) || body?["messages"] is not JsonArray messages)
        {
            return Results.BadRequest();
        }

        var inputTokens = Math.Max(1, messages.Sum(m => m?["content"]?.GetValue<string>()?.Length ?? 0) / CharsPerToken);
        var outputTokens = body?["max_tokens"]?.GetValue<int>() is int max and > 0 ? max : DefaultMaxTokens;
        var serviceMs = node.ServiceMs(model, inputTokens, outputTokens, fault);
        await node.Serve(TimeSpan.FromMilliseconds(serviceMs * _timeScale), _time, cancellationToken);
        node.Served(serviceMs);
        LogServed(_logger, id, model, serviceMs);

        return Results.Json(new JsonObject
        {
            ["id"] = "cmpl-" + Guid.NewGuid().ToString("N"),
            ["object"] = "chat.completion",
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject
                {
                    ["role"] = "assistant",
                    ["content"] = string.Create(CultureInfo.InvariantCulture, $"[{id}] emulated {model} answer: {outputTokens} tokens after {inputTokens} in {serviceMs:F0} ms"),
                },
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = inputTokens,
                ["completion_tokens"] = outputTokens,
                ["total_tokens"] = inputTokens + outputTokens,
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Emulated node {NodeId} served {Model} in {ServiceMs} ms")]
    private static partial void LogServed(ILogger logger, string nodeId, string model, double serviceMs);
}
