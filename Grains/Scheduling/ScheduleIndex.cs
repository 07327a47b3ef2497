using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>The appointment indexes of providers and patients: one entry per appointment id, searched by window.</summary>
public static class ScheduleIndex
{
    /// <summary>The index with <paramref name="appointment"/> added or replacing the entry of the same id; null when already there unchanged.</summary>
    public static IReadOnlyList<ScheduledAppointment>? With(IReadOnlyList<ScheduledAppointment> index, ScheduledAppointment appointment)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(appointment);
        return index.Contains(appointment) ? null : [.. index.Where(a => a.AppointmentId != appointment.AppointmentId), appointment];
    }

    /// <summary>The index without <paramref name="appointmentId"/>; null when it was not there.</summary>
    public static IReadOnlyList<ScheduledAppointment>? Without(IReadOnlyList<ScheduledAppointment> index, string appointmentId)
    {
        ArgumentNullException.ThrowIfNull(index);
        return index.Any(a => a.AppointmentId == appointmentId) ? [.. index.Where(a => a.AppointmentId != appointmentId)] : null;
    }

    /// <summary>Entries overlapping [<paramref name="from"/>, <paramref name="to"/>), by start then id.</summary>
    public static IReadOnlyList<ScheduledAppointment> Overlapping(IReadOnlyList<ScheduledAppointment> index, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(index);
        return [.. index
            .Where(a => a.Start < to && a.End > from)
            .OrderBy(static a => a.Start)
            .ThenBy(static a => a.AppointmentId, StringComparer.Ordinal)];
    }
}
