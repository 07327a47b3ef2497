namespace Reroute.Interfaces.Routing;

/// <summary>The device's access network as measured when the request was sent.</summary>
public sealed record NetworkConditions
{
    /// <summary>Round trip from the device to its cell's access point, in milliseconds.</summary>
    public double RttMs { get; init; }

    /// <summary>Uplink bandwidth in megabits per second; 0 when unknown (transfer time is then not estimated).</summary>
    public double BandwidthMbps { get; init; }
}
