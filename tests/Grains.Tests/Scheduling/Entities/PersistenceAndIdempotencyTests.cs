using Reroute.Grains.Scheduling;
using Reroute.Interfaces.Scheduling;
using Reroute.Runtime.Testing;
using static Reroute.Grains.Tests.Scheduling.SchedulingScenario;

namespace Reroute.Grains.Tests.Scheduling.Entities;

public sealed class PersistenceAndIdempotencyTests
{
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromHours(24);
    private static readonly TimeSpan RunningLimit = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Every_entity_survives_a_silo_restart_on_SQLite()
    {
        var scenario = Passing();
        var options = EntitySilo.Options("Sqlite");
        await using (var silo = await TestSilo.StartAsync(options))
        {
            var provider = silo.Get<IProviderGrain>(scenario.Provider.Id);
            await provider.Upsert(scenario.Provider);
            await provider.BookSlot("b-1", scenario.Provider.BookableSlots[0]);
            await silo.Get<IPatientGrain>(scenario.Patient.Id).Upsert(scenario.Patient);
            await silo.Get<IAppointmentGrain>(scenario.Appointment.Id).Upsert(scenario.Appointment);
            await silo.Get<IAppointmentGrain>(scenario.Appointment.Id).ChangeStatus(AppointmentStatus.Cancelled, "provider_unavailable");
            await silo.GrainFactory.GetGrain<IWaitlistGrain>(SchedulingKeys.OfWaitlist(EntitySilo.Tenant, "C1", "PT")).Add("P1", 7);
            await silo.GrainFactory.GetGrain<IKnowledgeGrain>(EntitySilo.Tenant).Update(scenario.Knowledge);
        }

        await using var restarted = await TestSilo.StartAsync(options);

        var bookings = await restarted.Get<IProviderGrain>(scenario.Provider.Id).GetBookings();
        Assert.Equal("b-1", Assert.Single(bookings).BookingId);
        Assert.Equal(EntitySilo.Json(scenario.Patient), EntitySilo.Json(await restarted.Get<IPatientGrain>(scenario.Patient.Id).Get()));
        var appointment = await restarted.Get<IAppointmentGrain>(scenario.Appointment.Id).Get();
        Assert.Equal([AppointmentStatus.Booked, AppointmentStatus.Cancelled], appointment!.History.Select(h => h.To));
        var indexed = await restarted.Get<IProviderGrain>(scenario.Appointment.ProviderId).GetAppointments(DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        Assert.Equal(AppointmentStatus.Cancelled, Assert.Single(indexed).Status);
        Assert.Equal(7, Assert.Single(await restarted.GrainFactory.GetGrain<IWaitlistGrain>(SchedulingKeys.OfWaitlist(EntitySilo.Tenant, "C1", "PT")).List()).Priority);
        var knowledge = await restarted.GrainFactory.GetGrain<IKnowledgeGrain>(EntitySilo.Tenant).Get();
        Assert.Equal((1, "AETNA"), (knowledge.Version, knowledge.Knowledge.PayerRules.Single().PayerId));
        Assert.Equal(["T002"], (await restarted.GrainFactory.GetGrain<IProviderDirectoryGrain>(EntitySilo.Tenant).Find(null, null)).Select(p => p.ProviderId));
    }

    [Fact]
    public async Task An_idempotency_key_proceeds_once_replays_the_same_request_and_refuses_another()
    {
        await using var silo = await EntitySilo.Start();
        var key = silo.Get<IIdempotencyKeyGrain>("key-1");

        Assert.Equal(IdempotencyOutcome.Proceed, (await key.Claim("hash-a", KeyLifetime, RunningLimit)).Outcome);
        Assert.Equal(IdempotencyOutcome.InProgress, (await key.Claim("hash-a", KeyLifetime, RunningLimit)).Outcome);
        await key.Complete("hash-a", 201, "{\"ok\":true}");

        var replay = await key.Claim("hash-a", KeyLifetime, RunningLimit);
        Assert.Equal((IdempotencyOutcome.Replay, 201, "{\"ok\":true}"), (replay.Outcome, replay.StatusCode, replay.ResponseJson));
        Assert.Equal(IdempotencyOutcome.Mismatch, (await key.Claim("hash-b", KeyLifetime, RunningLimit)).Outcome);

        silo.Time.Advance(KeyLifetime);
        Assert.Equal(IdempotencyOutcome.Proceed, (await key.Claim("hash-b", KeyLifetime, RunningLimit)).Outcome);
    }

    [Fact]
    public async Task A_released_claim_frees_the_key_for_a_corrected_request()
    {
        await using var silo = await EntitySilo.Start();
        var key = silo.Get<IIdempotencyKeyGrain>("key-2");
        await key.Claim("hash-invalid", KeyLifetime, RunningLimit);

        await key.Release("hash-invalid");

        Assert.Equal(IdempotencyOutcome.Proceed, (await key.Claim("hash-fixed", KeyLifetime, RunningLimit)).Outcome);
    }

    [Fact]
    public async Task A_claim_its_silo_abandoned_mid_request_is_taken_again_by_the_same_request_after_the_running_limit()
    {
        await using var silo = await EntitySilo.Start();
        var key = silo.Get<IIdempotencyKeyGrain>("key-3");
        Assert.Equal(IdempotencyOutcome.Proceed, (await key.Claim("hash-a", KeyLifetime, RunningLimit)).Outcome);

        // Neither completed nor released: the request's silo died. Until the limit it counts as running.
        silo.Time.Advance(RunningLimit - TimeSpan.FromSeconds(1));
        Assert.Equal(IdempotencyOutcome.InProgress, (await key.Claim("hash-a", KeyLifetime, RunningLimit)).Outcome);
        Assert.Equal(IdempotencyOutcome.Mismatch, (await key.Claim("hash-b", KeyLifetime, RunningLimit)).Outcome);

        silo.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(IdempotencyOutcome.Mismatch, (await key.Claim("hash-b", KeyLifetime, RunningLimit)).Outcome);
        Assert.Equal(IdempotencyOutcome.Proceed, (await key.Claim("hash-a", KeyLifetime, RunningLimit)).Outcome);
        Assert.Equal(IdempotencyOutcome.InProgress, (await key.Claim("hash-a", KeyLifetime, RunningLimit)).Outcome);

        // A completed request is replayed however long ago it ran, within the key's lifetime.
        await key.Complete("hash-a", 201, "{}");
        silo.Time.Advance(RunningLimit * 2);
        Assert.Equal(IdempotencyOutcome.Replay, (await key.Claim("hash-a", KeyLifetime, RunningLimit)).Outcome);
    }
}
