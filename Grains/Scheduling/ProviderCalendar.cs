using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>
/// One provider's calendar facts, computed once so that checking hundreds of slots does not rescan the bookings for
/// each: appointments booked per clinic-local day, and whether an interval is free.
/// </summary>
internal sealed class ProviderCalendar
{
    private readonly Dictionary<DateOnly, int> _bookedPerDay = [];

    public ProviderCalendar(ProviderProfile provider)
    {
        Provider = provider;
        foreach (var booked in provider.BookedTimes)
        {
            var day = DayOf(booked.Start);
            _bookedPerDay[day] = _bookedPerDay.GetValueOrDefault(day) + 1;
        }
    }

    public ProviderProfile Provider { get; }

    /// <summary>The clinic-local calendar day of a time (times carry the clinic's offset).</summary>
    public static DateOnly DayOf(DateTimeOffset time) => DateOnly.FromDateTime(time.DateTime);

    public int BookedOn(DateOnly day) => _bookedPerDay.GetValueOrDefault(day);

    /// <summary>Appointments the provider can still take that day; never negative.</summary>
    public int RemainingOn(DateOnly day) => Math.Max(0, Provider.DailyCapacity - BookedOn(day));

    public bool IsWithinBookableSlot(DateTimeOffset start, DateTimeOffset end)
    {
        foreach (var slot in Provider.BookableSlots)
        {
            if (slot.Start <= start && end <= slot.End)
            {
                return true;
            }
        }

        return false;
    }

    public UnavailabilityPeriod? UnavailableDuring(DateTimeOffset start, DateTimeOffset end)
    {
        foreach (var period in Provider.Unavailability)
        {
            if (Overlaps(period.Start, period.End, start, end))
            {
                return period;
            }
        }

        return null;
    }

    public bool IsBookedDuring(DateTimeOffset start, DateTimeOffset end)
    {
        foreach (var booked in Provider.BookedTimes)
        {
            if (Overlaps(booked.Start, booked.End, start, end))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Overlaps(DateTimeOffset aStart, DateTimeOffset aEnd, DateTimeOffset bStart, DateTimeOffset bEnd)
        => aStart < bEnd && bStart < aEnd;
}
