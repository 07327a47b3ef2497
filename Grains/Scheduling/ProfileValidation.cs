using System.Text.RegularExpressions;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>Checks of provider and patient profiles; field names are the camelCase JSON paths the API reports.</summary>
public static partial class ProfileValidation
{
    /// <summary>Every failure of <paramref name="profile"/>.</summary>
    public static ValidationErrors Validate(ProviderProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var errors = new ValidationErrors();
        errors.RequireId(profile.Id, "id");
        errors.Require(!string.IsNullOrWhiteSpace(profile.Discipline), "discipline", "must not be empty.");
        errors.RequireId(profile.ClinicId, "clinicId");
        RequireState(errors, profile.State, "state");
        RequireLocation(errors, profile.Location, "location");
        errors.Require(profile.YearsOfExperience >= 0 && double.IsFinite(profile.YearsOfExperience), "yearsOfExperience", "must be zero or more.");
        errors.Require(profile.DailyCapacity >= 0, "dailyCapacity", "must be zero or more.");
        for (var i = 0; i < profile.Licenses.Count; i++)
        {
            RequireState(errors, profile.Licenses[i]?.State, $"licenses[{i}].state");
        }

        RequireRanges(errors, profile.BookableSlots, "bookableSlots");
        RequireRanges(errors, profile.BookedTimes, "bookedTimes");
        errors.Require(profile.Unavailability.Count <= SchedulingLimits.MaxCalendarEntries, "unavailability", $"must have at most {SchedulingLimits.MaxCalendarEntries} entries.");
        for (var i = 0; i < profile.Unavailability.Count; i++)
        {
            RequireUnavailability(errors, profile.Unavailability[i], $"unavailability[{i}].");
        }

        return errors;
    }

    /// <summary>Every failure of <paramref name="profile"/>.</summary>
    public static ValidationErrors Validate(PatientProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var errors = new ValidationErrors();
        errors.RequireId(profile.Id, "id");
        RequireState(errors, profile.State, "state");
        if (profile.Home is not null)
        {
            RequireLocation(errors, profile.Home, "home");
        }

        if (profile.Contact is { } contact)
        {
            RequireContact(errors, contact);
        }

        var travel = profile.Preferences?.MaxTravelDistanceKm;
        errors.Require(travel is null || (travel > 0 && double.IsFinite(travel.Value)), "preferences.maxTravelDistanceKm", "must be greater than zero.");
        if (profile.PlanOfCare is { } plan)
        {
            errors.Require(!string.IsNullOrWhiteSpace(plan.Discipline), "planOfCare.discipline", "must not be empty.");
            errors.Require(plan.VisitsAuthorized >= 0, "planOfCare.visitsAuthorized", "must be zero or more.");
            errors.Require(plan.VisitsUsed >= 0 && plan.VisitsUsed <= plan.VisitsAuthorized, "planOfCare.visitsUsed", "must be between zero and visitsAuthorized.");
        }

        for (var i = 0; i < profile.ProviderHistory.Count; i++)
        {
            errors.RequireId(profile.ProviderHistory[i]?.ProviderId, $"providerHistory[{i}].providerId");
            errors.Require(profile.ProviderHistory[i]?.Visits >= 0, $"providerHistory[{i}].visits", "must be zero or more.");
        }

        errors.Require(profile.TotalAppointments >= 0, "totalAppointments", "must be zero or more.");
        errors.Require(profile.NoShowCount >= 0 && profile.NoShowCount <= profile.TotalAppointments, "noShowCount", "must be between zero and totalAppointments.");
        return errors;
    }

    // The address the preferred channel needs must be there and look like one; the other may be absent.
    private static void RequireContact(ValidationErrors errors, PatientContact contact)
    {
        errors.Require(Enum.IsDefined(contact.PreferredChannel), "contact.preferredChannel", "must be outbox, email, sms or ivr.");
        errors.Require(contact.DisplayName is { Length: <= SchedulingLimits.MaxDisplayNameLength }, "contact.displayName", $"must be at most {SchedulingLimits.MaxDisplayNameLength} characters.");
        errors.Require(contact.Email is null || EmailAddress().IsMatch(contact.Email), "contact.email", "must be an email address.");
        errors.Require(contact.Phone is null || E164Phone().IsMatch(contact.Phone), "contact.phone", "must be an E.164 phone number (+ and 8 to 15 digits).");
        errors.Require(contact.PreferredChannel != NotificationChannel.Email || contact.Email is not null, "contact.email", "is required when the preferred channel is email.");
        errors.Require(contact.PreferredChannel is not (NotificationChannel.Sms or NotificationChannel.Ivr) || contact.Phone is not null, "contact.phone", "is required when the preferred channel is sms or ivr.");
    }

    [GeneratedRegex("^[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{1,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailAddress();

    [GeneratedRegex("^\\+[1-9][0-9]{7,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164Phone();

    /// <summary>Every failure of an unavailability period, its fields named after <paramref name="prefix"/> (e.g. "unavailability[2].").</summary>
    public static void RequireUnavailability(ValidationErrors errors, UnavailabilityPeriod? period, string prefix)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (period is null)
        {
            errors.Add(prefix.Length == 0 ? "$" : prefix.TrimEnd('.'), "must not be null.");
            return;
        }

        errors.RequireOrdered(period.Start, period.End, $"{prefix}end");
        errors.Require(period.Reason is not null && period.Reason.Length <= SchedulingLimits.MaxReasonLength, $"{prefix}reason", $"must be at most {SchedulingLimits.MaxReasonLength} characters.");
    }

    private static void RequireState(ValidationErrors errors, string? state, string field) =>
        errors.Require(state is { Length: SchedulingLimits.StateCodeLength } && state.All(char.IsAsciiLetterUpper), field, "must be a two-letter upper-case state code.");

    private static void RequireLocation(ValidationErrors errors, GeoLocation? location, string field)
    {
        if (location is null)
        {
            errors.Add(field, "must not be null.");
            return;
        }

        errors.Require(Math.Abs(location.Latitude) <= SchedulingLimits.MaxLatitude, $"{field}.latitude", "must be between -90 and 90.");
        errors.Require(Math.Abs(location.Longitude) <= SchedulingLimits.MaxLongitude, $"{field}.longitude", "must be between -180 and 180.");
    }

    private static void RequireRanges(ValidationErrors errors, IReadOnlyList<TimeRange> ranges, string field)
    {
        errors.Require(ranges.Count <= SchedulingLimits.MaxCalendarEntries, field, $"must have at most {SchedulingLimits.MaxCalendarEntries} entries.");
        for (var i = 0; i < ranges.Count; i++)
        {
            if (ranges[i] is null)
            {
                errors.Add($"{field}[{i}]", "must not be null.");
                continue;
            }

            errors.RequireOrdered(ranges[i].Start, ranges[i].End, $"{field}[{i}]");
        }
    }
}
