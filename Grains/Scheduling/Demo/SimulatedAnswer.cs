using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Scheduling.Demo;

/// <summary>What a simulated patient does with an offer: accept or decline after <see cref="Delay"/>, or never answer.</summary>
public sealed record SimulatedAnswer
{
    /// <summary>The answer; null when the patient never answers and the offer expires.</summary>
    public OfferAnswer? Answer { get; init; }

    /// <summary>How long after the message arrives the patient answers.</summary>
    public TimeSpan Delay { get; init; }
}
