namespace Reroute.Grains.Scheduling.Fhir;

/// <summary>
/// The extension and code system URLs of Reroute's FHIR mapping. FHIR R4 has no element for much of what rescheduling
/// needs (a provider's daily capacity, the payers they take, a patient's travel limit, plan of care, …), so those
/// travel as extensions under <see cref="ExtensionBase"/>; the README lists them with their value types.
/// </summary>
public static class FhirUrls
{
    /// <summary>Where every Reroute extension's StructureDefinition lives.</summary>
    public const string ExtensionBase = "http://reroute.example/fhir/StructureDefinition/";

    /// <summary>PractitionerRole: the most appointments a day (valueInteger).</summary>
    public const string DailyCapacity = ExtensionBase + "daily-capacity";

    /// <summary>PractitionerRole, repeated: a payer the provider is in network with (valueString).</summary>
    public const string AcceptedPayer = ExtensionBase + "accepted-payer";

    /// <summary>PractitionerRole: the clinic's address (valueAddress: state, and the HL7 geolocation extension).</summary>
    public const string ClinicAddress = ExtensionBase + "clinic-address";

    /// <summary>Practitioner: years in practice (valueDecimal).</summary>
    public const string YearsOfExperience = ExtensionBase + "years-of-experience";

    /// <summary>Practitioner.qualification: the state a license is issued by (valueCode, e.g. "NY"); marks the qualification as a license.</summary>
    public const string LicenseState = ExtensionBase + "license-state";

    /// <summary>Practitioner.qualification: the license's standing (valueCode active|pending|suspended|revoked|expired; active when absent).</summary>
    public const string LicenseStatus = ExtensionBase + "license-status";

    /// <summary>Patient: the provider gender the patient prefers (valueCode, AdministrativeGender).</summary>
    public const string PreferredProviderGender = ExtensionBase + "preferred-provider-gender";

    /// <summary>Patient, repeated: a preferred day (valueCode mon|tue|wed|thu|fri|sat|sun, FHIR's days-of-week).</summary>
    public const string PreferredDay = ExtensionBase + "preferred-day";

    /// <summary>Patient, repeated: a preferred part of the day (sub-extensions "from" and "to", valueTime).</summary>
    public const string PreferredTime = ExtensionBase + "preferred-time";

    /// <summary>Patient: the channel the patient wants offers on (valueCode outbox|email|sms|ivr; outbox when absent).</summary>
    public const string PreferredChannel = ExtensionBase + "preferred-channel";

    /// <summary>Patient: the farthest the patient will travel, in km (valueDecimal).</summary>
    public const string MaxTravelDistanceKm = ExtensionBase + "max-travel-distance-km";

    /// <summary>Patient: the payer covering the patient (valueString); absent for self-pay.</summary>
    public const string CoveragePayer = ExtensionBase + "coverage-payer";

    /// <summary>
    /// Patient: the plan of care (sub-extensions "discipline" valueCode, "focus-specialty" valueCode repeated,
    /// "visits-authorized" and "visits-used" valueInteger, "expires-on" valueDate, "certifying-provider" valueReference).
    /// </summary>
    public const string PlanOfCare = ExtensionBase + "plan-of-care";

    /// <summary>Patient, repeated: visits with one provider (sub-extensions "provider" valueReference, "visits" valueInteger, "last-visit" valueDateTime).</summary>
    public const string ProviderHistory = ExtensionBase + "provider-history";

    /// <summary>Patient: appointments missed without notice (valueInteger).</summary>
    public const string NoShowCount = ExtensionBase + "no-show-count";

    /// <summary>Patient: appointments ever scheduled, the denominator of the no-show rate (valueInteger).</summary>
    public const string TotalAppointments = ExtensionBase + "total-appointments";

    /// <summary>HL7's standard extension for a position on an Address (sub-extensions "latitude" and "longitude", valueDecimal).</summary>
    public const string Geolocation = "http://hl7.org/fhir/StructureDefinition/geolocation";

    /// <summary>The code system of disciplines (PT, OT, SLP, …) in Appointment.serviceType and PractitionerRole.code on export.</summary>
    public const string DisciplineSystem = "http://reroute.example/fhir/CodeSystem/discipline";

    /// <summary>The code system of specialties in Appointment.specialty and PractitionerRole.specialty on export.</summary>
    public const string SpecialtySystem = "http://reroute.example/fhir/CodeSystem/specialty";
}
