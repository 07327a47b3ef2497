namespace Reroute.Interfaces.Scheduling;

/// <summary>One offer of one slot to one patient, with its expiry and the answer it got.</summary>
public sealed record ConsentOffer
{
    /// <summary>The offer's id (also the id of its message and of the slot hold).</summary>
    public required string OfferId { get; init; }

    /// <summary>The workflow that made it.</summary>
    public required string WorkflowId { get; init; }

    /// <summary>Rescheduling or backfill.</summary>
    public required OfferKind Kind { get; init; }

    /// <summary>The affected appointment (reschedule offers).</summary>
    public string? AppointmentId { get; init; }

    /// <summary>The backfill (backfill offers).</summary>
    public string? BackfillId { get; init; }

    /// <summary>The patient asked.</summary>
    public required string PatientId { get; init; }

    /// <summary>The slot offered.</summary>
    public required CandidateSlot Slot { get; init; }

    /// <summary>The channel the offer went out on.</summary>
    public NotificationChannel Channel { get; init; } = NotificationChannel.Outbox;

    /// <summary>When it was made.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it expires unanswered: the offer lifetime after it opened, or earlier, when the slot comes inside minimum notice.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Where it stands.</summary>
    public OfferStatus Status { get; init; } = OfferStatus.Open;

    /// <summary>When it was answered, expired or withdrawn.</summary>
    public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>How the answer arrived.</summary>
    public ReplyChannel? AnsweredVia { get; init; }

    /// <summary>Risk findings that came with the proposal.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
