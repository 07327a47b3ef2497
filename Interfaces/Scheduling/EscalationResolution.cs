namespace Reroute.Interfaces.Scheduling;

/// <summary>A head of department's decision on an escalated proposal.</summary>
public sealed record EscalationResolution
{
    /// <summary>What to do.</summary>
    public required EscalationAction Action { get; init; }

    /// <summary>With approve_provider: the provider whose candidate to offer; null offers the escalated proposal.</summary>
    public string? ProviderId { get; init; }

    /// <summary>Why, in the reviewer's words (stored with the case; keep PHI out).</summary>
    public string Note { get; init; } = "";

    /// <summary>The reviewer's user id (from the token).</summary>
    public string ResolvedBy { get; init; } = "";

    /// <summary>When it was decided.</summary>
    public DateTimeOffset ResolvedAt { get; init; }
}
