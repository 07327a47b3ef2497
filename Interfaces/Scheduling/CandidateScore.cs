namespace Reroute.Interfaces.Scheduling;

/// <summary>A candidate's score with its breakdown: <see cref="Total"/> is the sum of the factors' contributions.</summary>
public sealed record CandidateScore
{
    /// <summary>Σ weight × factor.</summary>
    public required double Total { get; init; }

    /// <summary>The six factors, in <see cref="ScoringFactor"/> order.</summary>
    public required IReadOnlyList<FactorScore> Factors { get; init; }
}
