using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Demo;

/// <summary>A generated clinic network held in memory: clinics, payer rules and one panel per provider.</summary>
public sealed record ClinicNetwork
{
    /// <summary>What the network was generated from.</summary>
    public required ClinicNetworkSpec Spec { get; init; }

    /// <summary>The clinics, by id.</summary>
    public required IReadOnlyList<Clinic> Clinics { get; init; }

    /// <summary>The tenant's scheduling knowledge: the design's defaults plus a rule per payer.</summary>
    public required SchedulingKnowledge Knowledge { get; init; }

    /// <summary>One panel per provider, by provider number.</summary>
    public required IReadOnlyList<ProviderPanel> Panels { get; init; }

    /// <summary>Every provider.</summary>
    public IEnumerable<ProviderProfile> Providers => Panels.Select(static p => p.Provider);

    /// <summary>Every patient.</summary>
    public IEnumerable<PatientProfile> Patients => Panels.SelectMany(static p => p.Patients);

    /// <summary>Every appointment.</summary>
    public IEnumerable<Appointment> Appointments => Panels.SelectMany(static p => p.Appointments);

    /// <summary>Every waitlist entry, in the order they are added.</summary>
    public IEnumerable<ClinicWaitlistEntry> Waitlist => Panels.SelectMany(static p => p.Waitlist);
}
