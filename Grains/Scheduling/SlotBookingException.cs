namespace Reroute.Grains.Scheduling;

/// <summary>A slot could not be booked (not bookable, taken, provider away or at capacity); nothing was changed.</summary>
public sealed class SlotBookingException(string message) : InvalidOperationException(message);
