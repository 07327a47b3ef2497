namespace Reroute.Interfaces.Scheduling;

/// <summary>
/// A half-open interval [Start, End) of clinic-local time. Times carry the clinic's offset, so the calendar day and
/// the time of day of <see cref="Start"/> are the ones the clinic and the patient see.
/// </summary>
public sealed record TimeRange
{
    /// <summary>When the interval begins (inclusive).</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>When the interval ends (exclusive).</summary>
    public required DateTimeOffset End { get; init; }
}
