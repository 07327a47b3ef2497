using Reroute.Grains.Scheduling;
using Reroute.Interfaces.Scheduling;
using static Reroute.Grains.Tests.Scheduling.SchedulingScenario;

namespace Reroute.Grains.Tests.Scheduling.Entities;

public sealed class ProviderGrainTests
{
    private static readonly ProviderProfile Provider = Passing().Provider;
    private static readonly TimeRange FirstSlot = Provider.BookableSlots[0];
    private static readonly TimeRange SecondSlot = Provider.BookableSlots[1];

    [Fact]
    public async Task Booking_twice_with_the_same_id_books_once_and_returns_the_first_booking()
    {
        await using var silo = await EntitySilo.Start();
        var provider = silo.Get<IProviderGrain>(Provider.Id);
        await provider.Upsert(Provider);

        var first = await provider.BookSlot("b-1", FirstSlot);
        silo.Time.Advance(TimeSpan.FromMinutes(5));
        var again = await provider.BookSlot("b-1", FirstSlot);

        Assert.Equal(first, again);
        Assert.Single(await provider.GetBookings());
        var profile = await provider.Get();
        Assert.DoesNotContain(FirstSlot, profile!.BookableSlots);
        Assert.Contains(FirstSlot, profile.BookedTimes);
    }

    [Fact]
    public async Task A_taken_slot_or_a_reused_booking_id_is_refused_and_nothing_changes()
    {
        await using var silo = await EntitySilo.Start();
        var provider = silo.Get<IProviderGrain>(Provider.Id);
        await provider.Upsert(Provider);
        await provider.BookSlot("b-1", FirstSlot);

        await Assert.ThrowsAsync<SlotBookingException>(() => provider.BookSlot("b-2", FirstSlot));
        await Assert.ThrowsAsync<SlotBookingException>(() => provider.BookSlot("b-1", SecondSlot));
        var notBookable = new TimeRange { Start = FirstSlot.Start.AddMinutes(1), End = FirstSlot.End };
        await Assert.ThrowsAsync<SlotBookingException>(() => provider.BookSlot("b-3", notBookable));

        Assert.Equal(["b-1"], (await provider.GetBookings()).Select(b => b.BookingId));
        Assert.Contains(SecondSlot, (await provider.Get())!.BookableSlots);
    }

    [Fact]
    public async Task Releasing_frees_the_slot_once_and_a_second_release_is_a_no_op()
    {
        await using var silo = await EntitySilo.Start();
        var provider = silo.Get<IProviderGrain>(Provider.Id);
        await provider.Upsert(Provider);
        await provider.BookSlot("b-1", FirstSlot);

        Assert.True(await provider.ReleaseSlot("b-1"));
        Assert.False(await provider.ReleaseSlot("b-1"));

        Assert.Contains(FirstSlot, (await provider.Get())!.BookableSlots);
        Assert.Equal("b-2", (await provider.BookSlot("b-2", FirstSlot)).BookingId);
    }

    [Fact]
    public async Task A_slot_on_a_full_day_or_while_away_is_refused()
    {
        await using var silo = await EntitySilo.Start();
        var provider = silo.Get<IProviderGrain>(Provider.Id);

        // Two times already booked that day: a capacity of two leaves nothing.
        await provider.Upsert(Provider with { DailyCapacity = 2 });
        var full = await Assert.ThrowsAsync<SlotBookingException>(() => provider.BookSlot("b-1", FirstSlot));
        Assert.Contains("capacity", full.Message, StringComparison.Ordinal);

        await provider.Upsert(Provider);
        await provider.AddUnavailability(new UnavailabilityPeriod { Start = FirstSlot.Start.AddDays(-1), End = FirstSlot.End.AddDays(1), Reason = "sick_leave" });
        var away = await Assert.ThrowsAsync<SlotBookingException>(() => provider.BookSlot("b-1", FirstSlot));
        Assert.Contains("unavailable", away.Message, StringComparison.Ordinal);
        Assert.Empty(await provider.GetBookings());
    }

    [Fact]
    public async Task An_invalid_profile_is_refused_with_its_fields_and_the_stored_one_is_kept()
    {
        await using var silo = await EntitySilo.Start();
        var provider = silo.Get<IProviderGrain>(Provider.Id);
        await provider.Upsert(Provider);

        var invalid = Provider with { DailyCapacity = -1, State = "New York", Location = new GeoLocation { Latitude = 91, Longitude = 0 } };
        var error = await Assert.ThrowsAsync<SchedulingValidationException>(() => provider.Upsert(invalid));
        await Assert.ThrowsAsync<SchedulingValidationException>(() => provider.Upsert(Provider with { Id = "T999" }));

        Assert.Equal(["dailyCapacity", "location.latitude", "state"], error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(EntitySilo.Json(Provider), EntitySilo.Json(await provider.Get()));
    }

    [Fact]
    public async Task Adding_the_same_unavailability_twice_records_it_once()
    {
        await using var silo = await EntitySilo.Start();
        var provider = silo.Get<IProviderGrain>(Provider.Id);
        await provider.Upsert(Provider);
        var period = new UnavailabilityPeriod { Start = At(10, 0), End = At(12, 0), Reason = "training" };

        await provider.AddUnavailability(period);
        var profile = await provider.AddUnavailability(period);

        Assert.Equal([period], profile.Unavailability);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => silo.Get<IProviderGrain>("nobody").AddUnavailability(period));
    }

    [Fact]
    public async Task Upserted_providers_are_listed_by_clinic_and_discipline_within_their_tenant()
    {
        await using var silo = await EntitySilo.Start();
        await silo.Get<IProviderGrain>("T1").Upsert(Provider with { Id = "T1", ClinicId = "C1", Discipline = "PT" });
        await silo.Get<IProviderGrain>("T2").Upsert(Provider with { Id = "T2", ClinicId = "C1", Discipline = "OT" });
        await silo.Get<IProviderGrain>("T3").Upsert(Provider with { Id = "T3", ClinicId = "C2", Discipline = "PT" });
        await silo.GrainFactory.GetGrain<IProviderGrain>(SchedulingKeys.Of("tenant-b", "T4")).Upsert(Provider with { Id = "T4", ClinicId = "C1" });
        // Moving a provider to another clinic moves the listing.
        await silo.Get<IProviderGrain>("T3").Upsert(Provider with { Id = "T3", ClinicId = "C1", Discipline = "PT" });

        var directory = silo.GrainFactory.GetGrain<IProviderDirectoryGrain>(EntitySilo.Tenant);

        Assert.Equal(["T1", "T3"], (await directory.Find("C1", "PT")).Select(p => p.ProviderId));
        Assert.Equal(["T1", "T2", "T3"], (await directory.Find("C1", null)).Select(p => p.ProviderId));
        Assert.Empty(await directory.Find("C2", null));
    }
}
