namespace Reroute.Grains.Scheduling.Demo;

/// <summary>What a load wrote into the grains.</summary>
public sealed record LoadReport
{
    /// <summary>Provider profiles upserted.</summary>
    public int Providers { get; init; }

    /// <summary>Patient profiles upserted.</summary>
    public int Patients { get; init; }

    /// <summary>Appointments upserted.</summary>
    public int Appointments { get; init; }

    /// <summary>Waitlist entries added.</summary>
    public int WaitlistEntries { get; init; }

    /// <summary>The tenant's knowledge version after the load (unchanged when it already held the network's rules).</summary>
    public int KnowledgeVersion { get; init; }
}
