namespace Reroute.Interfaces.Scheduling;

/// <summary>The certified plan of care that authorizes a patient's visits in one discipline.</summary>
public sealed record PlanOfCare
{
    /// <summary>The discipline the plan authorizes (e.g. "PT").</summary>
    public required string Discipline { get; init; }

    /// <summary>Specialties the treatment focuses on (e.g. "vestibular"); the specialty-match score looks for them.</summary>
    public IReadOnlyList<string> FocusSpecialties { get; init; } = [];

    /// <summary>Visits the payer authorized under this plan.</summary>
    public required int VisitsAuthorized { get; init; }

    /// <summary>Visits already used.</summary>
    public int VisitsUsed { get; init; }

    /// <summary>The last day visits may take place under this plan (inclusive).</summary>
    public required DateOnly ExpiresOn { get; init; }

    /// <summary>The provider (usually a physician) who certified the plan; empty while uncertified.</summary>
    public string CertifyingProviderId { get; init; } = string.Empty;
}
