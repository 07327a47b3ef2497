using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>The appointment indexes of providers and patients: one entry per appointment id, searched by window.</summary>
public static class ScheduleIndex
{
    /// <summary>
    /// The index with <paramref name="appointments"/> added or replacing the entries of the same ids; over
    /// <paramref name="maxEntries"/>, without the entries that ended before <paramref name="now"/> longest ago. Null when
    /// that is the index as it is.
    /// </summary>
    public static IReadOnlyList<ScheduledAppointment>? With(
        IReadOnlyList<ScheduledAppointment> index, IReadOnlyList<ScheduledAppointment> appointments, int maxEntries, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(appointments);
        var incoming = new Dictionary<string, ScheduledAppointment>(StringComparer.Ordinal);
        foreach (var appointment in appointments)
        {
            ArgumentNullException.ThrowIfNull(appointment);
            incoming[appointment.AppointmentId] = appointment;
        }

        List<ScheduledAppointment> next = [.. index.Where(a => !incoming.ContainsKey(a.AppointmentId)), .. incoming.Values];
        // Usually one entry comes in: a scan for it is cheaper than hashing the whole index on every write.
        var changed = incoming.Values.Any(a => !index.Contains(a));
        var excess = next.Count - maxEntries;
        if (excess > 0)
        {
            var dropped = next.Where(a => a.End < now).OrderBy(static a => a.End).Take(excess).ToHashSet();
            changed |= next.RemoveAll(dropped.Contains) > 0;
        }

        return changed ? next : null;
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
