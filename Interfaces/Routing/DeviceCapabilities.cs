namespace Reroute.Interfaces.Routing;

/// <summary>What the requesting device can do itself, as the device reports it with the request.</summary>
public sealed record DeviceCapabilities
{
    /// <summary>Whether the device holds the request's required model and can run it locally.</summary>
    public bool OnDeviceModelAvailable { get; init; }

    /// <summary>Battery charge, 0–100; a low battery keeps work off the device.</summary>
    public double BatteryPercent { get; init; } = 100;

    /// <summary>How fast the device runs models.</summary>
    public ComputeClass ComputeClass { get; init; } = ComputeClass.None;
}
