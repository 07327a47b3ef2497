using Reroute.Grains.Scheduling.Workflow;
using Reroute.Interfaces.Scheduling;

namespace Reroute.Grains.Tests.Scheduling.Workflow;

public sealed class OfferDeadlineTests
{
    private static readonly DateTimeOffset Now = SchedulingScenario.Now.ToUniversalTime();
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    private static readonly TimeSpan Notice = TimeSpan.FromHours(2);

    [Fact]
    public void A_slot_further_away_than_the_lifetime_leaves_the_lifetime_in_force()
    {
        Assert.Equal(Now + Lifetime, OfferDeadline.ExpiresAt(Now, Lifetime, Now + TimeSpan.FromDays(3), Notice));
    }

    [Fact]
    public void A_slot_sooner_than_the_lifetime_ends_the_offer_minimum_notice_before_it_on_the_callers_clock()
    {
        var slotStart = SchedulingScenario.Now + TimeSpan.FromHours(21);
        var expires = OfferDeadline.ExpiresAt(Now, Lifetime, slotStart, Notice);

        Assert.Equal(slotStart - Notice, expires);
        Assert.Equal(Now.Offset, expires.Offset);
    }

    [Fact]
    public void A_slot_already_inside_minimum_notice_gives_a_deadline_that_has_passed()
    {
        Assert.True(OfferDeadline.ExpiresAt(Now, Lifetime, Now + TimeSpan.FromHours(1), Notice) <= Now);
    }

    [Fact]
    public void An_offer_stored_with_a_deadline_after_its_slot_is_past_once_the_slot_starts()
    {
        var start = Now + TimeSpan.FromHours(3);
        var offer = new ConsentOffer
        {
            OfferId = "o1",
            WorkflowId = "wf-1",
            Kind = OfferKind.Reschedule,
            PatientId = "P1",
            Slot = new CandidateSlot { ProviderId = "T002", ClinicId = "C2", Start = start, End = start.AddMinutes(45) },
            ExpiresAt = Now + Lifetime,
        };

        Assert.False(OfferDeadline.HasPassed(offer, start - TimeSpan.FromMinutes(1)));
        Assert.True(OfferDeadline.HasPassed(offer, start));
        Assert.True(OfferDeadline.HasPassed(offer with { Slot = offer.Slot with { Start = Now + TimeSpan.FromDays(2) } }, offer.ExpiresAt));
    }
}
