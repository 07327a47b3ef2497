using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>What a provider grain stores: the profile as last upserted, the bookings made on it and its schedule index.</summary>
public sealed record ProviderState
{
    /// <summary>The profile as the clinic last sent it; null until the first upsert.</summary>
    public ProviderProfile? Profile { get; init; }

    /// <summary>Slots booked through the grain, by booking id.</summary>
    public IReadOnlyList<SlotBooking> Bookings { get; init; } = [];

    /// <summary>The provider's appointments, for finding those an unavailability affects.</summary>
    public IReadOnlyList<ScheduledAppointment> Appointments { get; init; } = [];
}
