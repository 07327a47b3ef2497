using System.Text.Json.Serialization;

namespace Reroute.Interfaces.Scheduling;

/// <summary>How far seeding the demo network into a tenant got.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DemoSeedStage>))]
public enum DemoSeedStage
{
    /// <summary>Seeding began and has not finished; the next start finishes it with the same start date.</summary>
    Seeding,

    /// <summary>The demo network was loaded.</summary>
    Seeded,

    /// <summary>The tenant already held data, so nothing was seeded (and never will be).</summary>
    SkippedExistingData,
}
