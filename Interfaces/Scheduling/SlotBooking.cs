namespace Reroute.Interfaces.Scheduling;

/// <summary>A slot booked on a provider's schedule under a caller-chosen booking id (the idempotency key of the booking).</summary>
public sealed record SlotBooking
{
    /// <summary>The booking's id.</summary>
    public required string BookingId { get; init; }

    /// <summary>The slot booked.</summary>
    public required TimeRange Slot { get; init; }

    /// <summary>True while the slot is only held for an offer; false once booked.</summary>
    public bool Held { get; init; }

    /// <summary>When the booking was made.</summary>
    public required DateTimeOffset BookedAt { get; init; }
}
