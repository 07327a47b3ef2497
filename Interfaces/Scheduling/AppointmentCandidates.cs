namespace Reroute.Interfaces.Scheduling;

/// <summary>One affected appointment as the assignment sees it: its priority and its scored, feasible candidates.</summary>
public sealed record AppointmentCandidates
{
    /// <summary>The affected appointment.</summary>
    public required string AppointmentId { get; init; }

    /// <summary>Priority from trigger detection; higher goes first where an order matters (the greedy baseline).</summary>
    public double Priority { get; init; }

    /// <summary>The feasible candidates, in any order.</summary>
    public IReadOnlyList<ScoredCandidate> Candidates { get; init; } = [];
}
