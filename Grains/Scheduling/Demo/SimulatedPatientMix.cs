namespace Reroute.Grains.Scheduling.Demo;

/// <summary>How simulated patients answer offers: the shares who accept and decline, and how quickly they answer.</summary>
public sealed record SimulatedPatientMix
{
    /// <summary>The share who accept (0 to 1).</summary>
    public required double AcceptShare { get; init; }

    /// <summary>The share who decline; the rest never answer.</summary>
    public required double DeclineShare { get; init; }

    /// <summary>The quickest answer after the message arrives.</summary>
    public required TimeSpan Fastest { get; init; }

    /// <summary>The slowest answer.</summary>
    public required TimeSpan Slowest { get; init; }
}
