using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>What a patient grain stores.</summary>
public sealed record PatientState
{
    /// <summary>The profile; null until the first upsert.</summary>
    public PatientProfile? Profile { get; init; }
}
