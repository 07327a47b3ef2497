namespace Reroute.Interfaces.Scheduling;

/// <summary>The persisted record that a tenant was (or was not) seeded with the demo network, so a restart never seeds again.</summary>
public sealed record DemoSeedMarker
{
    /// <summary>How far seeding got.</summary>
    public required DemoSeedStage Stage { get; init; }

    /// <summary>The first day of the seeded appointments (clinic-local); a resumed seeding uses it again.</summary>
    public required DateOnly StartDate { get; init; }

    /// <summary>The generator's seed.</summary>
    public required int Seed { get; init; }

    /// <summary>When the stage was recorded.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Providers loaded (once seeded).</summary>
    public int Providers { get; init; }

    /// <summary>Patients loaded (once seeded).</summary>
    public int Patients { get; init; }

    /// <summary>Appointments loaded (once seeded).</summary>
    public int Appointments { get; init; }
}
