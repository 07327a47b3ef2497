using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling;

/// <summary>Checks of appointments, status changes and waitlist entries.</summary>
public static class AppointmentValidation
{
    /// <summary>Every failure of <paramref name="appointment"/>.</summary>
    public static ValidationErrors Validate(Appointment appointment)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        var errors = new ValidationErrors();
        errors.RequireId(appointment.Id, "id");
        errors.RequireId(appointment.PatientId, "patientId");
        errors.RequireId(appointment.ProviderId, "providerId");
        errors.RequireId(appointment.ClinicId, "clinicId");
        errors.Require(!string.IsNullOrWhiteSpace(appointment.Discipline), "discipline", "must not be empty.");
        errors.RequireOrdered(appointment.Start, appointment.End, "end");
        errors.Require(Enum.IsDefined(appointment.Status), "status", "must be a FHIR appointment status.");
        return errors;
    }

    /// <summary>Every failure of a status change's reason.</summary>
    public static ValidationErrors ValidateReason(string? reason)
    {
        var errors = new ValidationErrors();
        errors.Require(!string.IsNullOrWhiteSpace(reason) && reason.Length <= SchedulingLimits.MaxReasonLength, "reason", $"must be 1 to {SchedulingLimits.MaxReasonLength} characters.");
        return errors;
    }

    /// <summary>Every failure of a waitlist entry request.</summary>
    public static ValidationErrors ValidateWaitlistEntry(string? patientId, int priority)
    {
        var errors = new ValidationErrors();
        errors.RequireId(patientId, "patientId");
        errors.Require(priority is >= 0 and <= SchedulingLimits.MaxWaitlistPriority, "priority", $"must be between 0 and {SchedulingLimits.MaxWaitlistPriority}.");
        return errors;
    }
}
