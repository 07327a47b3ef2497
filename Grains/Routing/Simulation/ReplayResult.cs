namespace Reroute.Grains.Routing.Simulation;

/// <summary>What one policy achieved on one replay.</summary>
public sealed record ReplayResult
{
    /// <summary>The policy.</summary>
    public ReplayPolicy Policy { get; init; }

    /// <summary>The time-compression factor of the replay.</summary>
    public double Load { get; init; }

    /// <summary>Requests replayed.</summary>
    public int Requests { get; init; }

    /// <summary>Share of requests answered within their SLA, 0..1.</summary>
    public double SlaAttainment { get; init; }

    /// <summary>
    /// Share of requests answered within their SLA without breaking their tenant's privacy rules, 0..1: an answer from a
    /// place the tenant barred is a failure to the tenant however fast it was. Equals <see cref="SlaAttainment"/> for a
    /// policy with no privacy violations.
    /// </summary>
    public double CompliantSlaAttainment { get; init; }

    /// <summary>Median end-to-end latency, in milliseconds.</summary>
    public double P50Ms { get; init; }

    /// <summary>99th percentile end-to-end latency, in milliseconds.</summary>
    public double P99Ms { get; init; }

    /// <summary>Cost per 1,000 requests, in dollars.</summary>
    public double CostPer1k { get; init; }

    /// <summary>PHI requests sent (on any attempt) to a tier or node their tenant had not approved.</summary>
    public int PrivacyViolations { get; init; }

    /// <summary>
    /// SLA misses of requests the cloud was allowed to serve (not PHI, or PHI of a tenant that approved the cloud); the
    /// other misses are PHI requests whose tenant kept them off the cloud.
    /// </summary>
    public int MissesCloudAllowed { get; init; }

    /// <summary>Interactive requests replayed (see <see cref="SimulationOptions.InteractiveShare"/>).</summary>
    public int InteractiveRequests { get; init; }

    /// <summary>Share of the interactive requests answered within their SLA, 0..1 (1 when there are none).</summary>
    public double InteractiveSlaAttainment { get; init; }

    /// <summary>Requests that got no answer (node down and no working backup, or no eligible node).</summary>
    public int Failed { get; init; }

    /// <summary>Share of requests served on the device.</summary>
    public double DeviceShare { get; init; }

    /// <summary>Share of requests served on an edge node.</summary>
    public double EdgeShare { get; init; }

    /// <summary>Share of requests served in the cloud.</summary>
    public double CloudShare { get; init; }
}
