using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>What an appointment grain stores.</summary>
public sealed record AppointmentState
{
    /// <summary>The appointment and its history; null until the first upsert.</summary>
    public AppointmentRecord? Record { get; init; }
}
