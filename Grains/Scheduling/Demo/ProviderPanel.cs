using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Demo;

/// <summary>
/// One provider with the patients on their panel, those patients' appointments with the provider, and the waitlist
/// entries of patients the provider's schedule could not fit: the unit a large network is generated and loaded in.
/// </summary>
public sealed record ProviderPanel
{
    /// <summary>The provider; appointment times are in <see cref="ProviderProfile.BookedTimes"/>, open ones in bookable slots.</summary>
    public required ProviderProfile Provider { get; init; }

    /// <summary>The patients whose current provider this is.</summary>
    public required IReadOnlyList<PatientProfile> Patients { get; init; }

    /// <summary>Booked appointments of these patients with this provider, by start.</summary>
    public required IReadOnlyList<Appointment> Appointments { get; init; }

    /// <summary>Patients of this panel waiting for a visit at the provider's clinic and discipline.</summary>
    public required IReadOnlyList<ClinicWaitlistEntry> Waitlist { get; init; }
}
