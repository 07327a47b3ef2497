namespace Reroute.Interfaces.Scheduling;

/// <summary>One factor of a score: its value 0..1, its weight, and what it contributed (weight × value).</summary>
public sealed record FactorScore
{
    /// <summary>The factor.</summary>
    public required ScoringFactor Factor { get; init; }

    /// <summary>The factor's value, 0..1.</summary>
    public required double Value { get; init; }

    /// <summary>The weight it was given.</summary>
    public required double Weight { get; init; }

    /// <summary>Weight × value.</summary>
    public required double Contribution { get; init; }
}
