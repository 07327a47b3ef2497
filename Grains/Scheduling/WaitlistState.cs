using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>What a waitlist grain stores.</summary>
public sealed record WaitlistState
{
    /// <summary>The entries, in the order they were added.</summary>
    public IReadOnlyList<WaitlistEntry> Entries { get; init; } = [];
}
