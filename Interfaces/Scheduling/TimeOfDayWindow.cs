namespace Reroute.Interfaces.Scheduling;

/// <summary>A part of the day a patient prefers for appointments, e.g. 08:00–12:00, both ends included.</summary>
public sealed record TimeOfDayWindow
{
    /// <summary>Earliest preferred start (inclusive).</summary>
    public required TimeOnly From { get; init; }

    /// <summary>Latest preferred start (inclusive).</summary>
    public required TimeOnly To { get; init; }
}
