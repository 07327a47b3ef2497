namespace Reroute.Runtime.Tests.Grains;

public sealed record ProbeBooking(string BookingId, ProbeSlot Slot, int Attempt);
