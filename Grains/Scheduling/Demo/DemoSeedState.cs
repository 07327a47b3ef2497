using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Demo;

/// <summary>What a demo-seed grain stores.</summary>
public sealed record DemoSeedState
{
    /// <summary>The marker; null until the silo first considers seeding the tenant.</summary>
    public DemoSeedMarker? Marker { get; init; }
}
