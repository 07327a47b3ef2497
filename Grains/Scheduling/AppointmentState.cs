using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>What an appointment grain stores.</summary>
public sealed record AppointmentState
{
    /// <summary>The appointment and its history; null until the first upsert.</summary>
    public AppointmentRecord? Record { get; init; }

    /// <summary>
    /// The appointment before its last change, written with it: the provider and patient indexes are updated after the
    /// record, so a change retried after a crash between the two (its record already written) still finds what to
    /// take out of the old provider's index.
    /// </summary>
    public Appointment? Previous { get; init; }
}
