using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Demo;

/// <summary>Remembers, durably, whether the demo network was seeded into a tenant.</summary>
public sealed class DemoSeedGrain([PersistentState("demo-seed")] IPersistentState<DemoSeedState> state) : Grain, IDemoSeedGrain
{
    /// <inheritdoc />
    public Task<DemoSeedMarker?> Get() => Task.FromResult(state.State.Marker);

    /// <inheritdoc />
    public async Task<DemoSeedMarker> Record(DemoSeedMarker marker)
    {
        ArgumentNullException.ThrowIfNull(marker);
        await state.ReplaceAsync(new DemoSeedState { Marker = marker });
        return marker;
    }
}
