using Reroute.Interfaces.Scheduling;

namespace Reroute.Client;

/// <summary>
/// A FHIR Appointment search (<c>GET /api/fhir/Appointment</c>): by practitioner and/or patient (at least one), an
/// optional start window and statuses.
/// </summary>
public sealed record FhirAppointmentQuery
{
    /// <summary>The provider's id; appointments with this practitioner.</summary>
    public string? PractitionerId { get; init; }

    /// <summary>The patient's id; appointments of this patient.</summary>
    public string? PatientId { get; init; }

    /// <summary>Appointments starting at or after this instant (<c>date=ge…</c>).</summary>
    public DateTimeOffset? StartsFrom { get; init; }

    /// <summary>Appointments starting before this instant (<c>date=lt…</c>).</summary>
    public DateTimeOffset? StartsBefore { get; init; }

    /// <summary>Appointments in any of these statuses; empty for every status.</summary>
    public IReadOnlyList<AppointmentStatus> Statuses { get; init; } = [];
}
