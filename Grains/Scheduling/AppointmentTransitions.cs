using System.Collections.Frozen;
using System.Text.Json;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>
/// The appointment lifecycle of FHIR R4 (Appointment.status): which status may follow which. Finished states
/// (fulfilled, cancelled, noshow) may only be corrected to entered-in-error, and entered-in-error is final.
/// </summary>
public static class AppointmentTransitions
{
    private static readonly FrozenDictionary<AppointmentStatus, AppointmentStatus[]> Allowed = new Dictionary<AppointmentStatus, AppointmentStatus[]>
    {
        [AppointmentStatus.Proposed] = [AppointmentStatus.Pending, AppointmentStatus.Booked, AppointmentStatus.Waitlist, AppointmentStatus.Cancelled, AppointmentStatus.EnteredInError],
        [AppointmentStatus.Pending] = [AppointmentStatus.Booked, AppointmentStatus.Waitlist, AppointmentStatus.Cancelled, AppointmentStatus.EnteredInError],
        [AppointmentStatus.Waitlist] = [AppointmentStatus.Proposed, AppointmentStatus.Pending, AppointmentStatus.Booked, AppointmentStatus.Cancelled, AppointmentStatus.EnteredInError],
        [AppointmentStatus.Booked] = [AppointmentStatus.CheckedIn, AppointmentStatus.Arrived, AppointmentStatus.NoShow, AppointmentStatus.Cancelled, AppointmentStatus.Waitlist, AppointmentStatus.EnteredInError],
        [AppointmentStatus.CheckedIn] = [AppointmentStatus.Arrived, AppointmentStatus.Fulfilled, AppointmentStatus.Cancelled, AppointmentStatus.EnteredInError],
        [AppointmentStatus.Arrived] = [AppointmentStatus.Fulfilled, AppointmentStatus.EnteredInError],
        [AppointmentStatus.Fulfilled] = [AppointmentStatus.EnteredInError],
        [AppointmentStatus.Cancelled] = [AppointmentStatus.EnteredInError],
        [AppointmentStatus.NoShow] = [AppointmentStatus.EnteredInError],
        [AppointmentStatus.EnteredInError] = [],
    }.ToFrozenDictionary();

    /// <summary>Whether <paramref name="from"/> may become <paramref name="to"/> (staying the same always may).</summary>
    public static bool IsAllowed(AppointmentStatus from, AppointmentStatus to) =>
        from == to || (Allowed.TryGetValue(from, out var next) && next.Contains(to));

    /// <summary>The FHIR spelling of a status (e.g. "entered-in-error"), for messages.</summary>
    public static string Name(AppointmentStatus status) => JsonSerializer.Serialize(status).Trim('"');
}
