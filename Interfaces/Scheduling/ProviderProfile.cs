namespace Reroute.Interfaces.Scheduling;

/// <summary>
/// What the rescheduling decision needs to know about one provider: qualifications, where and when they work, whom
/// they can take, and what is already on their calendar.
/// </summary>
public sealed record ProviderProfile
{
    /// <summary>The provider's id (the grain key).</summary>
    public required string Id { get; init; }

    /// <summary>Display name; never copied into rejection reasons or logs.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The discipline the provider practises (e.g. "PT", "OT", "SLP").</summary>
    public required string Discipline { get; init; }

    /// <summary>Clinical specialties within the discipline (e.g. "orthopedic", "vestibular").</summary>
    public IReadOnlyList<string> Specialties { get; init; } = [];

    /// <summary>Licenses held, one per state.</summary>
    public IReadOnlyList<ProviderLicense> Licenses { get; init; } = [];

    /// <summary>The clinic the provider works at.</summary>
    public required string ClinicId { get; init; }

    /// <summary>The state the clinic is in, where the provider delivers care (two-letter code).</summary>
    public required string State { get; init; }

    /// <summary>Where the clinic is.</summary>
    public required GeoLocation Location { get; init; }

    /// <summary>The provider's gender, for patients who prefer one.</summary>
    public AdministrativeGender Gender { get; init; } = AdministrativeGender.Unknown;

    /// <summary>Years in practice.</summary>
    public double YearsOfExperience { get; init; }

    /// <summary>Languages the provider treats in (e.g. "en", "es").</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>Payers the provider is in network with.</summary>
    public IReadOnlyList<string> AcceptedPayers { get; init; } = [];

    /// <summary>The most appointments the provider takes on one calendar day.</summary>
    public required int DailyCapacity { get; init; }

    /// <summary>Open slots on the provider's schedule that can be offered (FHIR Slot, status free); not overlapping.</summary>
    public IReadOnlyList<TimeRange> BookableSlots { get; init; } = [];

    /// <summary>Times already booked with patients, which count against <see cref="DailyCapacity"/>.</summary>
    public IReadOnlyList<TimeRange> BookedTimes { get; init; } = [];

    /// <summary>Periods the provider cannot see patients.</summary>
    public IReadOnlyList<UnavailabilityPeriod> Unavailability { get; init; } = [];
}
