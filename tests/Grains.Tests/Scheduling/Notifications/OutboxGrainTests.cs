using Reroute.Grains.Tests.Scheduling.Entities;
using Reroute.Interfaces.Scheduling;
using Reroute.Runtime.Testing;

namespace Reroute.Grains.Tests.Scheduling.Notifications;

public sealed class OutboxGrainTests
{
    internal static OutboundMessage Message(string id, NotificationChannel channel = NotificationChannel.Outbox, string recipient = "") => new()
    {
        MessageId = id,
        Tenant = EntitySilo.Tenant,
        PatientId = "P1",
        Channel = channel,
        Recipient = recipient,
        Subject = "Your appointment",
        Body = "Your visit moved to 10:00.",
    };

    [Fact]
    public async Task Enqueueing_the_same_message_id_twice_stores_it_once_and_returns_the_first()
    {
        await using var silo = await EntitySilo.Start();
        var outbox = silo.GrainFactory.GetGrain<IOutboxGrain>(EntitySilo.Key("P1"));
        var first = await outbox.Enqueue(Message("m-1"));
        await outbox.MarkFailed("m-1", "smtp 550");
        silo.Time.Advance(TimeSpan.FromMinutes(1));

        var again = await outbox.Enqueue(Message("m-1") with { Body = "changed" });

        Assert.Equal(DeliveryStatus.Failed, again.Status);
        Assert.Equal(first.Body, again.Body);
        Assert.Equal(first.CreatedAt, again.CreatedAt);
        Assert.Single(await outbox.List(10));
    }

    [Fact]
    public async Task List_returns_newest_first_up_to_the_limit_and_refuses_a_non_positive_limit()
    {
        await using var silo = await EntitySilo.Start();
        var outbox = silo.GrainFactory.GetGrain<IOutboxGrain>(EntitySilo.Key("P1"));
        foreach (var id in new[] { "m-1", "m-2", "m-3" })
        {
            await outbox.Enqueue(Message(id));
            silo.Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(["m-3", "m-2"], (await outbox.List(2)).Select(m => m.MessageId));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => outbox.List(0));
    }

    [Fact]
    public async Task A_message_for_another_tenant_or_an_unknown_id_is_refused()
    {
        await using var silo = await EntitySilo.Start();
        var outbox = silo.GrainFactory.GetGrain<IOutboxGrain>(EntitySilo.Key("P1"));

        await Assert.ThrowsAsync<ArgumentException>(() => outbox.Enqueue(Message("m-1") with { Tenant = "tenant-b" }));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => outbox.MarkSent("m-none"));
        Assert.Empty(await outbox.List(10));
    }

    [Fact]
    public async Task Messages_and_their_delivery_status_survive_a_silo_restart_on_SQLite()
    {
        var options = EntitySilo.Options("Sqlite");
        await using (var silo = await TestSilo.StartAsync(options))
        {
            var outbox = silo.GrainFactory.GetGrain<IOutboxGrain>(EntitySilo.Key("P1"));
            await outbox.Enqueue(Message("m-1"));
            await outbox.MarkSent("m-1");
            await outbox.Enqueue(Message("m-2"));
        }

        await using var restarted = await TestSilo.StartAsync(options);
        var reloaded = restarted.GrainFactory.GetGrain<IOutboxGrain>(EntitySilo.Key("P1"));

        var sent = await reloaded.Get("m-1");
        Assert.Equal((DeliveryStatus.Sent, 1), (sent!.Status, sent.Attempts));
        Assert.Equal(DeliveryStatus.Pending, (await reloaded.Get("m-2"))!.Status);
        var retried = await reloaded.Enqueue(Message("m-1"));
        Assert.Equal(DeliveryStatus.Sent, retried.Status);
        Assert.Equal(2, (await reloaded.List(10)).Count);
    }
}
