using System.Text;
using System.Threading.Channels;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Reroute.TestServers;

namespace Reroute.Runtime.Tests;

/// <summary>
/// The broker guarantees cluster mode is built on (DESIGN.md, "Cluster mode"), checked against a real RabbitMQ:
/// a quorum queue with single active consumer delivers to one consumer at a time and hands over when it leaves,
/// and a request not acknowledged when its consumer dies is delivered again to the next one.
/// </summary>
public sealed class BrokerGuaranteeTests(RabbitMqServer broker) : IClassFixture<RabbitMqServer>
{
    private static readonly Dictionary<string, object?> PartitionQueue = new()
    {
        ["x-queue-type"] = "quorum",
        ["x-single-active-consumer"] = true,
    };

    [Fact]
    public async Task One_partition_queue_has_one_active_consumer_and_hands_over_without_losing_requests()
    {
        var queue = "partition-" + Guid.NewGuid().ToString("N")[..8];
        await using var connection = await Connect();
        await using var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await publisher.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: PartitionQueue);

        await using var siloA = await connection.CreateChannelAsync();
        await using var siloB = await connection.CreateChannelAsync();
        var receivedByA = Channel.CreateUnbounded<string>();
        var receivedByB = Channel.CreateUnbounded<string>();
        var tagA = await Consume(siloA, queue, receivedByA);
        await Consume(siloB, queue, receivedByB);

        for (var i = 0; i < 100; i++)
        {
            await Publish(publisher, queue, $"request-{i}");
        }

        Assert.Equal(Enumerable.Range(0, 100).Select(static i => $"request-{i}"), await Take(receivedByA, 100));
        Assert.False(receivedByB.Reader.TryRead(out _));

        // Silo A gives the partition up (it is no longer its owner): silo B becomes the active consumer.
        await siloA.BasicCancelAsync(tagA);
        for (var i = 100; i < 150; i++)
        {
            await Publish(publisher, queue, $"request-{i}");
        }

        Assert.Equal(Enumerable.Range(100, 50).Select(static i => $"request-{i}"), await Take(receivedByB, 50));
    }

    [Fact]
    public async Task A_request_not_acknowledged_when_its_silo_dies_is_delivered_to_the_next_consumer()
    {
        var queue = "partition-" + Guid.NewGuid().ToString("N")[..8];
        await using var connection = await Connect();
        await using var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await publisher.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: PartitionQueue);

        var dying = await Connect();
        var dyingChannel = await dying.CreateChannelAsync();
        var inFlight = Channel.CreateUnbounded<BasicDeliverEventArgs>();
        var consumer = new AsyncEventingBasicConsumer(dyingChannel);
        consumer.ReceivedAsync += async (_, delivery) => await inFlight.Writer.WriteAsync(delivery);
        await dyingChannel.BasicConsumeAsync(queue, autoAck: false, consumer);
        await Publish(publisher, queue, "book slot S-1 for appointment A-7");
        var first = await inFlight.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.False(first.Redelivered);

        // The silo crashes mid-turn: its connection goes away without an ack.
        await dying.AbortAsync();

        await using var survivor = await connection.CreateChannelAsync();
        var redelivered = Channel.CreateUnbounded<BasicDeliverEventArgs>();
        var next = new AsyncEventingBasicConsumer(survivor);
        next.ReceivedAsync += async (_, delivery) =>
        {
            await redelivered.Writer.WriteAsync(delivery);
            await survivor.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        await survivor.BasicConsumeAsync(queue, autoAck: false, next);
        var again = await redelivered.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(again.Redelivered);
        Assert.Equal(first.BasicProperties.MessageId, again.BasicProperties.MessageId);
        Assert.Equal("book slot S-1 for appointment A-7", Encoding.UTF8.GetString(again.Body.Span));
    }

    private Task<IConnection> Connect() => new ConnectionFactory { Uri = new Uri(broker.Uri) }.CreateConnectionAsync();

    private static async Task Publish(IChannel channel, string queue, string text)
        => await channel.BasicPublishAsync(
            exchange: string.Empty,
            routingKey: queue,
            mandatory: true,
            basicProperties: new BasicProperties { Persistent = true, MessageId = Guid.NewGuid().ToString("N") },
            body: Encoding.UTF8.GetBytes(text));

    private static async Task<string> Consume(IChannel channel, string queue, Channel<string> received)
    {
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            await received.Writer.WriteAsync(Encoding.UTF8.GetString(delivery.Body.Span));
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        return await channel.BasicConsumeAsync(queue, autoAck: false, consumer);
    }

    private static async Task<List<string>> Take(Channel<string> received, int count)
    {
        var items = new List<string>();
        while (items.Count < count)
        {
            items.Add(await received.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20)));
        }

        return items;
    }
}
