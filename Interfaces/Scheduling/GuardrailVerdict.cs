namespace Reroute.Interfaces.Scheduling;

/// <summary>The guardrails' decision on one proposal.</summary>
public sealed record GuardrailVerdict
{
    /// <summary>What to do with the proposal.</summary>
    public required GuardrailOutcome Outcome { get; init; }

    /// <summary>The guardrail that decided the outcome; null when all passed.</summary>
    public Guardrail? DecidedBy { get; init; }

    /// <summary>Why that guardrail failed (ids only, no PHI).</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>Risks to carry with a proposal that proceeds.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The rules checked, in order, for the compliance report.</summary>
    public IReadOnlyList<string> CheckedRules { get; init; } = [];
}
