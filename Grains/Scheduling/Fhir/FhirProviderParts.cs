using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Fhir;

/// <summary>What a Practitioner contributes to a provider profile.</summary>
internal sealed record FhirPractitioner(string Name, AdministrativeGender Gender, IReadOnlyList<ProviderLicense> Licenses, IReadOnlyList<string> Languages, double YearsOfExperience);

/// <summary>What a PractitionerRole contributes: whose role it is, the discipline, the clinic and Reroute's extensions.</summary>
internal sealed record FhirPractitionerRole(
    string PractitionerId,
    string Discipline,
    IReadOnlyList<string> Specialties,
    string ClinicId,
    string State,
    GeoLocation Location,
    int DailyCapacity,
    IReadOnlyList<string> AcceptedPayers);

/// <summary>A Schedule: whose calendar it is (a Practitioner, or a PractitionerRole standing for one).</summary>
internal sealed record FhirSchedule(FhirReference Actor);

/// <summary>A Slot of a Schedule, with its FHIR status (free, busy, busy-unavailable, busy-tentative, entered-in-error).</summary>
internal sealed record FhirSlot(string ScheduleId, string Status, TimeRange Time);
