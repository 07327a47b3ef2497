using System.Collections.Immutable;
using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing.Simulation;

/// <summary>
/// The simulated topology, workload and faults, with every default in one place. The workload drawn from a trace
/// depends only on the seed, so every policy replays exactly the same requests.
/// </summary>
public sealed record SimulationOptions
{
    /// <summary>Seed of everything random: workload, network, noise and the random policy.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Time compression: arrivals come this many times faster than in the trace.</summary>
    public double Load { get; init; } = 1;

    /// <summary>The region everything runs in.</summary>
    public string Region { get; init; } = "eu-north";

    /// <summary>Cells, each with one edge node (one of them a hub).</summary>
    public int Cells { get; init; } = 4;

    /// <summary>Requests an edge node serves at once (GPU slots with continuous batching).</summary>
    public int EdgeCapacity { get; init; } = 4;

    /// <summary>Edge speed relative to the reference node.</summary>
    public double EdgeSpeedFactor { get; init; } = 1;

    /// <summary>Edge memory for models, in gigabytes (the 34B model does not fit).</summary>
    public double EdgeMemoryGb { get; init; } = 48;

    /// <summary>Edge price per 1,000 tokens, in dollars.</summary>
    public double EdgeCostPer1kTokens { get; init; } = 0.0006;

    /// <summary>Round trip from a cell to its edge node, in milliseconds.</summary>
    public double EdgeRttMs { get; init; } = 2;

    /// <summary>Models edge nodes host (warm at the start).</summary>
    public ImmutableArray<string> EdgeModels { get; init; } = ["code-1b", "code-7b"];

    /// <summary>The cell whose edge site is a larger hub: more slots and memory, and the large model too.</summary>
    public int HubCell { get; init; } = 1;

    /// <summary>Requests the hub serves at once.</summary>
    public int HubCapacity { get; init; } = 6;

    /// <summary>Hub memory for models, in gigabytes.</summary>
    public double HubMemoryGb { get; init; } = 96;

    /// <summary>Models the hub hosts (warm at the start).</summary>
    public ImmutableArray<string> HubModels { get; init; } = ["code-1b", "code-7b", "code-34b"];

    /// <summary>Requests the cloud serves at once.</summary>
    public int CloudCapacity { get; init; } = 64;

    /// <summary>Cloud speed relative to the reference node (larger GPUs).</summary>
    public double CloudSpeedFactor { get; init; } = 2;

    /// <summary>Cloud memory for models, in gigabytes.</summary>
    public double CloudMemoryGb { get; init; } = 320;

    /// <summary>Cloud price per 1,000 tokens, in dollars.</summary>
    public double CloudCostPer1kTokens { get; init; } = 0.002;

    /// <summary>Median round trip from the region's access network to the cloud, in milliseconds.</summary>
    public double CloudRttMedianMs { get; init; } = 40;

    /// <summary>Log-normal spread (sigma) of the cloud round trip.</summary>
    public double CloudRttSigma { get; init; } = 0.3;

    /// <summary>Median device-to-cell round trip, in milliseconds.</summary>
    public double AccessRttMedianMs { get; init; } = 10;

    /// <summary>Log-normal spread (sigma) of the access round trip.</summary>
    public double AccessRttSigma { get; init; } = 0.5;

    /// <summary>Extra round trip to another cell's edge node, in milliseconds.</summary>
    public double CrossCellRttMs { get; init; } = 8;

    /// <summary>Median uplink bandwidth, in megabits per second.</summary>
    public double BandwidthMedianMbps { get; init; } = 50;

    /// <summary>Log-normal spread (sigma) of the uplink bandwidth.</summary>
    public double BandwidthSigma { get; init; } = 0.5;

    /// <summary>Log-normal spread (sigma) of service time around the model's nominal speed.</summary>
    public double ServiceNoiseSigma { get; init; } = 0.15;

    /// <summary>Log-normal spread (sigma) of the caller's output estimate around the tokens actually generated.</summary>
    public double OutputEstimateSigma { get; init; } = 0.3;

    /// <summary>Share of requests for the large (34B) model.</summary>
    public double LargeModelShare { get; init; } = 0.1;

    /// <summary>Share of requests for the small (1B) model.</summary>
    public double SmallModelShare { get; init; } = 0.3;

    /// <summary>The small model's name (the only one devices can hold).</summary>
    public string SmallModel { get; init; } = "code-1b";

    /// <summary>The mid-size model's name.</summary>
    public string MediumModel { get; init; } = "code-7b";

    /// <summary>The large model's name.</summary>
    public string LargeModel { get; init; } = "code-34b";

    /// <summary>Share of small-model requests whose device holds the model.</summary>
    public double DeviceModelShare { get; init; } = 0.6;

    /// <summary>Share of devices with an accelerator (the rest split between mid-range and low-end).</summary>
    public double HighDeviceShare { get; init; } = 0.3;

    /// <summary>Share of mid-range devices.</summary>
    public double MediumDeviceShare { get; init; } = 0.4;

    /// <summary>Device speeds relative to the reference node, low-end, mid-range, accelerator (what they really run at).</summary>
    public ImmutableArray<double> DeviceSpeeds { get; init; } = [0.15, 0.3, 0.5];

    /// <summary>Share of requests carrying PHI (clinical notes, patient context in prompts).</summary>
    public double PhiShare { get; init; } = 0.25;

    /// <summary>Share of requests with internal data.</summary>
    public double InternalShare { get; init; } = 0.25;

    /// <summary>Compliance tag PHI requests carry and every simulated node satisfies.</summary>
    public string PhiComplianceTag { get; init; } = "hipaa";

    /// <summary>SLA = base + multiplier × the caller's expected service time on the reference node, in milliseconds.</summary>
    public double SlaBaseMs { get; init; } = 300;

    /// <summary>SLA multipliers (tight, normal, relaxed), drawn uniformly.</summary>
    public ImmutableArray<double> SlaMultipliers { get; init; } = [2, 3, 4];

    /// <summary>
    /// Share of the requests whose expected output is at most <see cref="InteractiveMaxOutputTokens"/> that are interactive:
    /// inline completions an IDE shows while the developer types, useful only if they arrive within a couple of hundred
    /// milliseconds. The code trace is mostly such completions (half its requests generate 13 tokens or fewer), so the
    /// default makes 0.5 of the short ones interactive (about 40 % of all requests); 0 gives the all-loose mix, where
    /// every SLA is <see cref="SlaBaseMs"/> plus a multiple of the service time and nothing is latency-critical.
    /// Interactive requests are drawn from a random stream of their own, so the rest of the workload (models, privacy,
    /// cells, network) is the same whatever the share.
    /// </summary>
    public double InteractiveShare { get; init; } = 0.5;

    /// <summary>Largest expected output, in tokens, of a request that can be interactive (an inline completion, not a chat answer).</summary>
    public int InteractiveMaxOutputTokens { get; init; } = 32;

    /// <summary>
    /// SLA base of an interactive request, in milliseconds: what the developer tolerates on top of the work itself. Well
    /// under the cloud's round trip (access plus <see cref="CloudRttMedianMs"/>), so the WAN and its tail count.
    /// </summary>
    public double InteractiveSlaBaseMs { get; init; } = 30;

    /// <summary>
    /// Interactive SLA multipliers of the expected service time on the reference node, drawn uniformly: enough to absorb
    /// the output estimate's error on an idle node nearby, not a queue or a long round trip.
    /// </summary>
    public ImmutableArray<double> InteractiveSlaMultipliers { get; init; } = [1.5, 2];

    /// <summary>Delay until missing or slow heartbeats mark a node unhealthy or degraded, in milliseconds.</summary>
    public double HeartbeatTimeoutMs { get; init; } = 3_000;

    /// <summary>How long the router's breaker stays open after a failure on a node, in milliseconds.</summary>
    public double BreakerOpenMs { get; init; } = 5_000;

    /// <summary>Weight of the newest service time in a node's observed mean.</summary>
    public double ServiceEwmaAlpha { get; init; } = 0.2;

    /// <summary>Faults to inject.</summary>
    public ImmutableArray<NodeFault> Faults { get; init; } =
    [
        new("edge-cell-2", FaultKind.Down, 0.30, 0.36),
        new("edge-cell-3", FaultKind.Brownout, 0.55, 0.70, 0.35),
    ];

    /// <summary>
    /// Tenants, drawn uniformly: one allows PHI on device and edge only, one also in the cloud (it signed the cloud's BAA),
    /// one only on its own two clinics' edge nodes.
    /// </summary>
    public ImmutableArray<TenantPolicy> Tenants { get; init; } =
    [
        new() { TenantId = "clinic-a", PhiApprovedTiers = [ComputeTier.Device, ComputeTier.Edge] },
        new() { TenantId = "clinic-b", PhiApprovedTiers = [ComputeTier.Device, ComputeTier.Edge, ComputeTier.Cloud] },
        new() { TenantId = "clinic-c", PhiApprovedTiers = [ComputeTier.Device], PhiApprovedNodes = ["edge-cell-1", "edge-cell-2"] },
    ];

    /// <summary>The true model speeds the simulated nodes run at (the planner estimates with its own routing model).</summary>
    public ImmutableArray<ModelProfile> Models { get; init; } = RoutingModel.Default.Models;

    /// <summary>The routing model our policy plans with.</summary>
    public RoutingModel RoutingModel { get; init; } = RoutingModel.Default;

    /// <summary>The classifier options our policy classifies with.</summary>
    public ClassifierOptions Classifier { get; init; } = ClassifierOptions.Default;
}
