namespace Reroute.Interfaces.Scheduling;

/// <summary>A scheduled visit: the thing a rescheduling workflow moves to another provider or time.</summary>
public sealed record Appointment
{
    /// <summary>The appointment's id.</summary>
    public required string Id { get; init; }

    /// <summary>The patient to be seen.</summary>
    public required string PatientId { get; init; }

    /// <summary>The provider currently booked.</summary>
    public required string ProviderId { get; init; }

    /// <summary>The clinic currently booked.</summary>
    public required string ClinicId { get; init; }

    /// <summary>When the visit starts.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>When the visit ends.</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>The discipline of the visit (e.g. "PT").</summary>
    public required string Discipline { get; init; }

    /// <summary>A specialty the visit requires (e.g. "pelvic-floor"), if any; a hard requirement.</summary>
    public string? RequiredSpecialty { get; init; }

    /// <summary>How urgent the visit is clinically; raises its priority when it must be moved.</summary>
    public ClinicalPriority Priority { get; init; } = ClinicalPriority.Routine;

    /// <summary>The FHIR status.</summary>
    public AppointmentStatus Status { get; init; } = AppointmentStatus.Booked;
}
