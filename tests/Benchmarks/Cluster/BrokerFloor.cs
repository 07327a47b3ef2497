using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Reroute.Benchmarks.Cluster;

/// <summary>
/// What the broker alone costs a call, without Reroute: publishers each publish a persistent message to their own
/// quorum queue (single active consumer, as a partition) with confirms and wait until the consumer has it (the request
/// leg), or until the consumer's transient reply has come back over a durable classic queue (the round trip, as a
/// cross-silo call travels it, one message each way and no batching).
/// </summary>
internal static class BrokerFloor
{
    private const int Rounds = 1_500;
    private const int WarmUp = 300;
    private const int BodyBytes = 200;

    public static async Task<(double P50, double P99)> Measure(string brokerUri, int publishers, bool roundTrip = false)
    {
        var factory = new ConnectionFactory { Uri = new Uri(brokerUri) };
        await using var publishing = await factory.CreateConnectionAsync();
        await using var consuming = await factory.CreateConnectionAsync();
        await using var publisher = await publishing.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var all = new List<double>();
        await Task.WhenAll(Enumerable.Range(0, publishers).Select(async _ =>
        {
            await using var channel = await consuming.CreateChannelAsync();
            var queue = "floor-" + Guid.NewGuid().ToString("N")[..8];
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum", ["x-single-active-consumer"] = true });
            TaskCompletionSource<long> delivered = new(TaskCreationOptions.RunContinuationsAsynchronously);
            var consumer = new AsyncEventingBasicConsumer(channel);
            await using var replies = await publishing.CreateChannelAsync();
            var replyQueue = queue + "-reply";
            if (roundTrip)
            {
                await replies.QueueDeclareAsync(replyQueue, durable: true, exclusive: false, autoDelete: false);
                var replyConsumer = new AsyncEventingBasicConsumer(replies);
                replyConsumer.ReceivedAsync += (_, _) =>
                {
                    delivered.TrySetResult(Stopwatch.GetTimestamp());
                    return Task.CompletedTask;
                };
                await replies.BasicConsumeAsync(replyQueue, autoAck: true, replyConsumer);
            }

            consumer.ReceivedAsync += async (_, delivery) =>
            {
                if (roundTrip)
                {
                    await channel.BasicPublishAsync(string.Empty, replyQueue, mandatory: false, new BasicProperties(), delivery.Body);
                }
                else
                {
                    delivered.TrySetResult(Stopwatch.GetTimestamp());
                }

                await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            };
            await channel.BasicConsumeAsync(queue, autoAck: false, consumer);
            var latencies = new List<double>(Rounds);
            for (var i = 0; i < Rounds; i++)
            {
                delivered = new(TaskCreationOptions.RunContinuationsAsynchronously);
                var started = Stopwatch.GetTimestamp();
                var confirm = publisher.BasicPublishAsync(string.Empty, queue, mandatory: true, new BasicProperties { Persistent = true }, new byte[BodyBytes]);
                var at = await delivered.Task;
                await confirm;
                if (i >= WarmUp)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started, at).TotalMilliseconds);
                }
            }

            await channel.QueueDeleteAsync(queue);
            if (roundTrip)
            {
                await replies.QueueDeleteAsync(replyQueue);
            }

            lock (all)
            {
                all.AddRange(latencies);
            }
        }));
        all.Sort();
        return (all[all.Count / 2], all[Math.Min(all.Count - 1, (int)(all.Count * 0.99))]);
    }
}
