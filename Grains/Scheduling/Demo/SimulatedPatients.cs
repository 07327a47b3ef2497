using Reroute.Interfaces.Scheduling;
using Reroute.Runtime.Cluster;

namespace Reroute.Grains.Scheduling.Demo;

/// <summary>
/// The demo's patients: each offer gets an answer drawn from the mix by a hash of the seed and the offer id, so the same
/// seed replays the same run whatever order offers arrive in. Delays spread log-uniformly from the fastest to the slowest
/// answer: most patients answer within hours, a few the next day, as reminders to call back usually go.
/// </summary>
public static class SimulatedPatients
{
    private const double UnitScale = 1.0 / (1UL << 53);

    /// <summary>The answer the patient who received offer <paramref name="offerId"/> gives.</summary>
    public static SimulatedAnswer Answer(int seed, string offerId, SimulatedPatientMix mix)
    {
        ArgumentException.ThrowIfNullOrEmpty(offerId);
        ArgumentNullException.ThrowIfNull(mix);
        var hash = StableHash.Combine((ulong)seed, StableHash.Of(offerId));
        var choice = Unit(hash);
        var speed = Unit(StableHash.Combine(hash, (ulong)offerId.Length));
        OfferAnswer? answer = choice < mix.AcceptShare ? OfferAnswer.Accept
            : choice < mix.AcceptShare + mix.DeclineShare ? OfferAnswer.Decline
            : null;
        var ratio = mix.Slowest.TotalSeconds / mix.Fastest.TotalSeconds;
        var delay = TimeSpan.FromSeconds(Math.Round(mix.Fastest.TotalSeconds * Math.Pow(ratio, speed)));
        return new SimulatedAnswer { Answer = answer, Delay = delay };
    }

    // The top 53 bits as a double in [0, 1).
    private static double Unit(ulong hash) => (hash >> 11) * UnitScale;
}
