namespace Reroute.Interfaces.Scheduling;

/// <summary>
/// The regulatory rules a booking must satisfy. Defaults are the strict reading: a clinic relaxes a rule by editing
/// its knowledge, never by accident.
/// </summary>
public sealed record ComplianceRules
{
    /// <summary>The default, strict rules.</summary>
    public static ComplianceRules Default { get; } = new();

    /// <summary>The license must be active and unexpired on the appointment date.</summary>
    public bool RequireActiveLicense { get; init; } = true;

    /// <summary>The provider must be licensed in the patient's state.</summary>
    public bool RequireLicenseInPatientState { get; init; } = true;

    /// <summary>The patient needs a plan of care in the visit's discipline, with visits left, unexpired on the date.</summary>
    public bool RequirePlanOfCare { get; init; } = true;

    /// <summary>The plan of care must have been certified by a provider.</summary>
    public bool RequireCertifiedPlanOfCare { get; init; } = true;

    /// <summary>Care must be delivered in the patient's own state (off by default: border clinics are common).</summary>
    public bool RequireCareInPatientState { get; init; }

    /// <summary>States the tenant may deliver care in; empty means all.</summary>
    public IReadOnlyList<string> AllowedCareStates { get; init; } = [];
}
