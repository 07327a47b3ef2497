namespace Reroute.Interfaces.Scheduling;

/// <summary>One tenant's demo-seed marker (key: the tenant).</summary>
public interface IDemoSeedGrain : IGrainWithStringKey
{
    /// <summary>The marker; null when the silo never considered seeding this tenant.</summary>
    [ReadOnly]
    Task<DemoSeedMarker?> Get();

    /// <summary>Records <paramref name="marker"/>, replacing the previous one.</summary>
    Task<DemoSeedMarker> Record(DemoSeedMarker marker);
}
