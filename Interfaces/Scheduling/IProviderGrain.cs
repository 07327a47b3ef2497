namespace Reroute.Interfaces.Scheduling;

/// <summary>
/// One provider of one tenant (key <c>{tenant}/{providerId}</c>): the profile, its unavailability, slot bookings and
/// the index of the provider's appointments that trigger detection searches.
/// </summary>
public interface IProviderGrain : IGrainWithStringKey
{
    /// <summary>The profile, with booked slots moved from bookable to booked; null when the provider is unknown.</summary>
    [ReadOnly]
    Task<ProviderProfile?> Get();

    /// <summary>Creates or replaces the profile; slots held by existing bookings stay booked. Invalid profiles are refused unchanged.</summary>
    Task<ProviderProfile> Upsert(ProviderProfile profile);

    /// <summary>Adds a period the provider cannot see patients; adding the same period twice records it once.</summary>
    Task<ProviderProfile> AddUnavailability(UnavailabilityPeriod period);

    /// <summary>
    /// Books a bookable slot under <paramref name="bookingId"/>. Repeating the call with the same id and slot returns the
    /// first booking; a slot that is not bookable, taken, or over the day's capacity is refused.
    /// </summary>
    Task<SlotBooking> BookSlot(string bookingId, TimeRange slot);

    /// <summary>
    /// Holds a bookable slot for an offer under <paramref name="bookingId"/>: nobody else can book it, and it counts
    /// against the day's capacity, until it is committed or released. Repeating the call returns the first hold.
    /// </summary>
    Task<SlotBooking> HoldSlot(string bookingId, TimeRange slot);

    /// <summary>
    /// Turns the hold <paramref name="bookingId"/> into a booking; committing twice returns the booking. An unknown id, or
    /// a hold whose slot has already started, is refused and changes nothing.
    /// </summary>
    Task<SlotBooking> CommitSlot(string bookingId);

    /// <summary>Releases the slot held by <paramref name="bookingId"/>; false when no such booking exists (already released).</summary>
    Task<bool> ReleaseSlot(string bookingId);

    /// <summary>The bookings the provider holds.</summary>
    [ReadOnly]
    Task<IReadOnlyList<SlotBooking>> GetBookings();

    /// <summary>Records (or updates) an appointment on the provider's schedule index; called by the appointment grain.</summary>
    Task TrackAppointment(ScheduledAppointment appointment);

    /// <summary>
    /// Records many appointments on the schedule index with one write, as <see cref="TrackAppointment"/> would one by one.
    /// A bulk load tracks a provider's appointments this way first, so that each appointment's own upsert finds itself
    /// already tracked instead of rewriting the provider once per appointment.
    /// </summary>
    Task TrackAppointments(IReadOnlyList<ScheduledAppointment> appointments);

    /// <summary>Removes an appointment from the index, when it moves to another provider.</summary>
    Task UntrackAppointment(string appointmentId);

    /// <summary>The provider's appointments overlapping [<paramref name="from"/>, <paramref name="to"/>), by start.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ScheduledAppointment>> GetAppointments(DateTimeOffset from, DateTimeOffset to);
}
