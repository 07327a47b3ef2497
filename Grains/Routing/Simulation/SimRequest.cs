using Reroute.Interfaces.Routing;

namespace Reroute.Grains.Routing.Simulation;

/// <summary>One replayed request: what the router sees, plus the truths only the simulator knows.</summary>
internal sealed record SimRequest(
    InferenceRequest Request,
    TenantPolicy Tenant,
    double TraceArrivalMs,
    int ActualOutputTokens,
    double ServiceNoise,
    double CloudRttMs,
    double DeviceSpeed,
    bool Interactive);
