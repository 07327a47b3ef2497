namespace Reroute.Grains.Scheduling.Demo;

/// <summary>
/// A patient waiting for a visit at a clinic in a discipline. The waitlist grain stamps the time an entry is added, so
/// entries are loaded in the order generated and that order is their order in time.
/// </summary>
public sealed record ClinicWaitlistEntry
{
    /// <summary>The clinic whose waitlist the patient is on.</summary>
    public required string ClinicId { get; init; }

    /// <summary>The discipline the patient waits for (PT, OT, SLP).</summary>
    public required string Discipline { get; init; }

    /// <summary>The waiting patient.</summary>
    public required string PatientId { get; init; }

    /// <summary>The entry's priority, 0 (lowest) to 100.</summary>
    public required int Priority { get; init; }
}
