namespace Reroute.Grains.Scheduling;

/// <summary>The bounds the scheduling entities' validation applies, in one place.</summary>
public static class SchedulingLimits
{
    /// <summary>The longest free-text reason (status changes, unavailability) kept; longer text is refused, not cut.</summary>
    public const int MaxReasonLength = 200;

    /// <summary>The highest waitlist priority; 0 is the lowest.</summary>
    public const int MaxWaitlistPriority = 100;

    /// <summary>The most bookable slots, booked times or unavailability periods one provider profile may carry.</summary>
    public const int MaxCalendarEntries = 5000;

    /// <summary>The longest display name a patient contact may carry.</summary>
    public const int MaxDisplayNameLength = 200;

    /// <summary>Latitude bound in degrees.</summary>
    public const double MaxLatitude = 90;

    /// <summary>Longitude bound in degrees.</summary>
    public const double MaxLongitude = 180;

    /// <summary>US state and territory codes are two letters.</summary>
    public const int StateCodeLength = 2;
}
