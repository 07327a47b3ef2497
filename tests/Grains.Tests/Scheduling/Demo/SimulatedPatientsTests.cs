using Reroute.Grains.Scheduling.Demo;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Tests.Scheduling.Demo;

public sealed class SimulatedPatientsTests
{
    private static readonly SimulatedPatientMix Mix = new()
    {
        AcceptShare = 0.65,
        DeclineShare = 0.20,
        Fastest = TimeSpan.FromMinutes(5),
        Slowest = TimeSpan.FromHours(20),
    };

    [Fact]
    public void Answers_follow_the_mix_stay_within_the_delays_and_replay_with_the_seed()
    {
        var offers = Enumerable.Range(1, 4000).Select(i => $"A{i:D6}-1").ToList();

        var answers = offers.Select(o => SimulatedPatients.Answer(42, o, Mix)).ToList();

        Assert.InRange(answers.Count(static a => a.Answer == OfferAnswer.Accept) / 4000.0, 0.62, 0.68);
        Assert.InRange(answers.Count(static a => a.Answer == OfferAnswer.Decline) / 4000.0, 0.17, 0.23);
        Assert.InRange(answers.Count(static a => a.Answer is null) / 4000.0, 0.12, 0.18);
        Assert.All(answers, a => Assert.InRange(a.Delay, Mix.Fastest, Mix.Slowest));

        // Log-uniform: the median answer comes after about an hour (the geometric mean of 5 min and 20 h), not after 10 h.
        var median = answers.Select(static a => a.Delay).Order().ElementAt(answers.Count / 2);
        Assert.InRange(median, TimeSpan.FromMinutes(45), TimeSpan.FromMinutes(85));
        Assert.Equal(answers, offers.Select(o => SimulatedPatients.Answer(42, o, Mix)));
        Assert.NotEqual(answers, offers.Select(o => SimulatedPatients.Answer(43, o, Mix)));
    }
}
