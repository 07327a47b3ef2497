namespace Reroute.Interfaces.Scheduling;

/// <summary>How the assignment reports its result.</summary>
public sealed record AssignmentOptions
{
    /// <summary>The defaults.</summary>
    public static AssignmentOptions Default { get; } = new();

    /// <summary>Ranked alternatives kept per appointment for fallback after a decline or expiry.</summary>
    public int MaxAlternatives { get; init; } = 10;
}
