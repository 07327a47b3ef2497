namespace Reroute.Interfaces.Scheduling;

/// <summary>A provider became unavailable: the event that starts a rescheduling workflow.</summary>
public sealed record WorkflowTrigger
{
    /// <summary>The provider who is unavailable.</summary>
    public required string ProviderId { get; init; }

    /// <summary>When the unavailability begins (inclusive).</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>When the unavailability ends (exclusive).</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>Why (e.g. "departure", "sick_leave"); recorded on the provider's calendar.</summary>
    public string Reason { get; init; } = "unavailable";

    /// <summary>Where the trigger came from.</summary>
    public TriggerSource Source { get; init; } = TriggerSource.Admin;
}
