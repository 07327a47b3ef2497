using Reroute.Interfaces.Scheduling;

namespace Reroute.Silo.Api;

/// <summary>One affected appointment and every audit entry about it, from trigger to final state.</summary>
internal sealed record AppointmentTrail(AffectedAppointment Appointment, IReadOnlyList<AuditEntry> Trail);
