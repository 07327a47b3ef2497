namespace Reroute.Interfaces.Scheduling;

/// <summary>One tenant's rescheduling knowledge, as the knowledge grain keeps it: rules, weights and thresholds.</summary>
public sealed record SchedulingKnowledge
{
    /// <summary>The design's defaults with no payer rules.</summary>
    public static SchedulingKnowledge Default { get; } = new();

    /// <summary>Rules per payer; a payer without a rule must at least be in network.</summary>
    public IReadOnlyList<PayerRule> PayerRules { get; init; } = [];

    /// <summary>Regulatory rules.</summary>
    public ComplianceRules Compliance { get; init; } = ComplianceRules.Default;

    /// <summary>Scoring weights.</summary>
    public ScoringWeights Weights { get; init; } = ScoringWeights.Default;

    /// <summary>Scoring shape constants.</summary>
    public ScoringCalibration Calibration { get; init; } = ScoringCalibration.Default;

    /// <summary>Guardrail limits.</summary>
    public GuardrailThresholds Thresholds { get; init; } = GuardrailThresholds.Default;
}
