using Reroute.Grains.Scheduling;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Tests.Scheduling.Entities;

public sealed class WaitlistAndKnowledgeGrainTests
{
    [Fact]
    public async Task The_waitlist_is_served_by_priority_then_waiting_time_and_a_new_priority_keeps_the_place_in_time()
    {
        await using var silo = await EntitySilo.Start();
        var waitlist = silo.GrainFactory.GetGrain<IWaitlistGrain>(SchedulingKeys.OfWaitlist(EntitySilo.Tenant, "C1", "PT"));
        await waitlist.Add("P1", 10);
        silo.Time.Advance(TimeSpan.FromMinutes(1));
        await waitlist.Add("P2", 50);
        silo.Time.Advance(TimeSpan.FromMinutes(1));
        await waitlist.Add("P3", 10);
        silo.Time.Advance(TimeSpan.FromMinutes(1));
        await waitlist.Add("P3", 50);

        Assert.Equal(["P2", "P3", "P1"], (await waitlist.List()).Select(e => e.PatientId));

        Assert.True(await waitlist.Remove("P2"));
        Assert.False(await waitlist.Remove("P2"));
        await Assert.ThrowsAsync<SchedulingValidationException>(() => waitlist.Add("P4", -1));
        Assert.Equal(["P3", "P1"], (await waitlist.List()).Select(e => e.PatientId));
    }

    [Fact]
    public async Task Knowledge_starts_at_the_design_defaults_and_each_update_is_a_new_version_with_history()
    {
        await using var silo = await EntitySilo.Start();
        var knowledge = silo.GrainFactory.GetGrain<IKnowledgeGrain>(EntitySilo.Tenant);

        var initial = await knowledge.Get();
        Assert.Equal(0, initial.Version);
        Assert.Equal((40d, 35d, 30d, 25d, 20d, 10d), Weights(initial.Knowledge.Weights));

        var v1 = await knowledge.Update(SchedulingKnowledge.Default with { Weights = ScoringWeights.Default with { Continuity = 60 } });
        silo.Time.Advance(TimeSpan.FromDays(1));
        var v2 = await knowledge.Update(SchedulingKnowledge.Default with { Thresholds = GuardrailThresholds.Default with { MaxDistanceKm = 20 } });

        Assert.Equal((1, 2), (v1.Version, v2.Version));
        Assert.Equal(silo.Time.GetUtcNow(), v2.UpdatedAt);
        Assert.Equal(20, (await knowledge.Get()).Knowledge.Thresholds.MaxDistanceKm);
        var history = await knowledge.GetHistory();
        Assert.Equal([0, 1, 2], history.Select(v => v.Version));
        Assert.Equal(60, history[1].Knowledge.Weights.Continuity);
    }

    [Fact]
    public async Task Invalid_knowledge_is_refused_by_field_and_no_version_is_added()
    {
        await using var silo = await EntitySilo.Start();
        var knowledge = silo.GrainFactory.GetGrain<IKnowledgeGrain>(EntitySilo.Tenant);
        await knowledge.Update(SchedulingKnowledge.Default);

        var invalid = SchedulingKnowledge.Default with
        {
            Weights = ScoringWeights.Default with { LoadBalance = -5 },
            Thresholds = GuardrailThresholds.Default with { MaxNoShowRisk = 1.5 },
            PayerRules = [new PayerRule { PayerId = "AETNA" }, new PayerRule { PayerId = "AETNA" }],
        };
        var error = await Assert.ThrowsAsync<SchedulingValidationException>(() => knowledge.Update(invalid));
        var zero = new ScoringWeights { Continuity = 0, SpecialtyMatch = 0, PatientPreference = 0, LoadBalance = 0, Experience = 0, DayTime = 0 };
        await Assert.ThrowsAsync<SchedulingValidationException>(() => knowledge.Update(SchedulingKnowledge.Default with { Weights = zero }));

        Assert.Equal(["payerRules[1].payerId", "thresholds.maxNoShowRisk", "weights.loadBalance"], error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1, (await knowledge.Get()).Version);
        Assert.Equal(2, (await knowledge.GetHistory()).Count);
    }

    private static (double, double, double, double, double, double) Weights(ScoringWeights w) =>
        (w.Continuity, w.SpecialtyMatch, w.PatientPreference, w.LoadBalance, w.Experience, w.DayTime);
}
