using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Fhir;

/// <summary>
/// An Appointment as read, before its references are resolved: the provider may be named through a PractitionerRole,
/// and the clinic may come from the provider's role in the same bundle when no Location takes part.
/// </summary>
internal sealed record FhirAppointmentDraft(
    string Id,
    string PatientId,
    FhirReference Provider,
    string? ClinicId,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Discipline,
    string? RequiredSpecialty,
    ClinicalPriority Priority,
    AppointmentStatus Status)
{
    public Appointment Resolve(string providerId, string clinicId) => new()
    {
        Id = Id,
        PatientId = PatientId,
        ProviderId = providerId,
        ClinicId = clinicId,
        Start = Start,
        End = End,
        Discipline = Discipline,
        RequiredSpecialty = RequiredSpecialty,
        Priority = Priority,
        Status = Status,
    };
}
