namespace Reroute.Interfaces.Routing;

/// <summary>
/// The latency parameters the planner estimates with. They are data, not code, because the monitor learns them from outcomes.
/// </summary>
public sealed record LatencyEstimates
{
    /// <summary>Extra round trip to an edge node in another cell of the region, in milliseconds.</summary>
    public double CrossCellRttMs { get; init; } = 8;

    /// <summary>Bytes per text token, to estimate upload time when only tokens are known.</summary>
    public double BytesPerTextToken { get; init; } = 4;

    /// <summary>Device speed relative to the reference node, for a low-end device.</summary>
    public double DeviceSpeedLow { get; init; } = 0.15;

    /// <summary>Device speed relative to the reference node, for a mid-range device.</summary>
    public double DeviceSpeedMedium { get; init; } = 0.3;

    /// <summary>Device speed relative to the reference node, for a device with a capable accelerator.</summary>
    public double DeviceSpeedHigh { get; init; } = 0.5;

    /// <summary>What running on the device costs the operator per 1,000 tokens, in dollars (the user's own compute: 0 by default).</summary>
    public double DeviceCostPer1kTokens { get; init; }
}
