using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>How many more appointments providers can take per clinic-local day, from their profiles.</summary>
public static class ProviderCapacity
{
    /// <summary>The remaining capacity of every provider on every day any candidate falls on.</summary>
    public static IReadOnlyList<ProviderDayCapacity> ForCandidates(
        IReadOnlyList<AppointmentCandidates> appointments, IReadOnlyList<ProviderProfile> providers)
    {
        ArgumentNullException.ThrowIfNull(appointments);
        ArgumentNullException.ThrowIfNull(providers);
        var calendars = providers.ToDictionary(static p => p.Id, static p => new ProviderCalendar(p), StringComparer.Ordinal);
        var seen = new HashSet<(string, DateOnly)>();
        var result = new List<ProviderDayCapacity>();
        foreach (var appointment in appointments)
        {
            foreach (var candidate in appointment.Candidates)
            {
                var day = ProviderCalendar.DayOf(candidate.Slot.Start);
                if (calendars.TryGetValue(candidate.Slot.ProviderId, out var calendar) && seen.Add((candidate.Slot.ProviderId, day)))
                {
                    result.Add(new ProviderDayCapacity { ProviderId = candidate.Slot.ProviderId, Day = day, Remaining = calendar.RemainingOn(day) });
                }
            }
        }

        return result;
    }

    /// <summary>The clinic-local day a slot counts against.</summary>
    public static DateOnly DayOf(CandidateSlot slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        return ProviderCalendar.DayOf(slot.Start);
    }
}
