namespace Reroute.Interfaces.Scheduling;

/// <summary>A time a provider cannot see patients (leave, illness, training, departure), with the reason given.</summary>
public sealed record UnavailabilityPeriod
{
    /// <summary>When the unavailability begins (inclusive).</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>When the unavailability ends (exclusive).</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>Why the provider is away, as recorded by the clinic (e.g. "sick_leave", "departure").</summary>
    public string Reason { get; init; } = string.Empty;
}
