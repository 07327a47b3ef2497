namespace Reroute.Interfaces.Scheduling;

/// <summary>One event of a workflow's tamper-evident audit trail: each entry's hash covers the previous entry's hash.</summary>
public sealed record AuditEntry
{
    /// <summary>Position in the trail, from 1.</summary>
    public required long Sequence { get; init; }

    /// <summary>When the event happened.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The stage that recorded it.</summary>
    public required WorkflowStage Stage { get; init; }

    /// <summary>What happened (e.g. "offer_sent", "booked").</summary>
    public required string Event { get; init; }

    /// <summary>The affected appointment, when the event concerns one.</summary>
    public string? AppointmentId { get; init; }

    /// <summary>Ids, counts and rule names; never PHI.</summary>
    public string Detail { get; init; } = "";

    /// <summary>The previous entry's hash (64 zeros for the first).</summary>
    public required string PreviousHash { get; init; }

    /// <summary>SHA-256 over the previous hash and this entry's fields, hex.</summary>
    public required string Hash { get; init; }
}
