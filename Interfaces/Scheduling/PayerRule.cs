namespace Reroute.Interfaces.Scheduling;

/// <summary>What one payer covers: which disciplines, whether the provider must be in network, and in which states.</summary>
public sealed record PayerRule
{
    /// <summary>The payer the rule is about.</summary>
    public required string PayerId { get; init; }

    /// <summary>Disciplines the payer covers; empty means all.</summary>
    public IReadOnlyList<string> AcceptedDisciplines { get; init; } = [];

    /// <summary>Whether the payer pays only in-network providers (those listing the payer as accepted).</summary>
    public bool RequiresInNetwork { get; init; } = true;

    /// <summary>States where the payer covers care; empty means all.</summary>
    public IReadOnlyList<string> AllowedStates { get; init; } = [];
}
