namespace Reroute.Grains.Scheduling.Fhir;

/// <summary>
/// One <c>date</c> search parameter of Appointment (on Appointment.start): a prefix (eq, ge, gt, le, lt) and either a
/// calendar day, compared with the clinic-local day the appointment starts on, or an instant, compared exactly.
/// </summary>
/// <param name="Prefix">eq, ge, gt, le or lt.</param>
/// <param name="Day">The day, when the value was a date.</param>
/// <param name="Instant">The instant, when the value was a dateTime with a time zone.</param>
public sealed record FhirDateCondition(string Prefix, DateOnly? Day, DateTimeOffset? Instant)
{
    /// <summary>Whether an appointment starting at <paramref name="start"/> meets the condition.</summary>
    public bool Matches(DateTimeOffset start)
    {
        var order = Day is { } day ? DateOnly.FromDateTime(start.DateTime).CompareTo(day) : start.CompareTo(Instant!.Value);
        return Prefix switch
        {
            "eq" => order == 0,
            "ge" => order >= 0,
            "gt" => order > 0,
            "le" => order <= 0,
            "lt" => order < 0,
            _ => false,
        };
    }
}
