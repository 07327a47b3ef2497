namespace Reroute.Interfaces.Scheduling;

/// <summary>A patient waiting for a slot at one clinic in one discipline.</summary>
public sealed record WaitlistEntry
{
    /// <summary>The patient waiting.</summary>
    public required string PatientId { get; init; }

    /// <summary>How urgent the patient is; higher goes first.</summary>
    public required int Priority { get; init; }

    /// <summary>When the patient joined the list; earlier goes first among equal priorities.</summary>
    public required DateTimeOffset AddedAt { get; init; }
}
