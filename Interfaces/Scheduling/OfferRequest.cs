namespace Reroute.Interfaces.Scheduling;

/// <summary>What a workflow asks of a new consent offer.</summary>
public sealed record OfferRequest
{
    /// <summary>The offer's id; opening the same id again returns the first offer.</summary>
    public required string OfferId { get; init; }

    /// <summary>The workflow making it.</summary>
    public required string WorkflowId { get; init; }

    /// <summary>Rescheduling or backfill.</summary>
    public required OfferKind Kind { get; init; }

    /// <summary>The affected appointment (reschedule offers).</summary>
    public string? AppointmentId { get; init; }

    /// <summary>The backfill (backfill offers).</summary>
    public string? BackfillId { get; init; }

    /// <summary>The patient to ask.</summary>
    public required string PatientId { get; init; }

    /// <summary>The slot to offer (already held for the offer).</summary>
    public required CandidateSlot Slot { get; init; }

    /// <summary>The discipline of the visit, for the message.</summary>
    public required string Discipline { get; init; }

    /// <summary>When the visit was booked before (reschedule offers), for the message.</summary>
    public DateTimeOffset? OriginalStart { get; init; }

    /// <summary>Risk findings to carry.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
