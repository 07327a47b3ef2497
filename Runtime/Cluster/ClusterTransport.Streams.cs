using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Reroute.Runtime.Serialization;
using Reroute.Runtime.Streams;

namespace Reroute.Runtime.Cluster;

internal sealed partial class ClusterTransport
{
    private const string StreamNamespaceHeader = "x-reroute-stream-namespace";
    private const string StreamKeyHeader = "x-reroute-stream-key";

    /// <summary>
    /// Publishes a stream item to the cluster's stream exchange; every silo (this one included) delivers it to its own
    /// subscribers. Items of one publisher keep their order: they go out on one channel, each awaited until confirmed.
    /// </summary>
    public async Task PublishStreamItem(StreamId streamId, object item)
    {
        var type = item.GetType();
        var body = JsonSerializer.SerializeToUtf8Bytes(item, type, RuntimeJson.Options);
        var properties = new BasicProperties
        {
            Type = $"{type.FullName}, {type.Assembly.GetName().Name}",
            ContentType = "application/json",
            Headers = new Dictionary<string, object?>
            {
                [StreamNamespaceHeader] = streamId.Namespace,
                [StreamKeyHeader] = streamId.Key,
            },
        };
        await _connected.Task.WaitAsync(_stopping.Token);
        await Volatile.Read(ref _publishers)[0].BasicPublishAsync(ClusterTopology.StreamExchange(_options.Name), string.Empty, mandatory: false, properties, body);
    }

    private async Task ConsumeStreams(IChannel control, CancellationToken cancellationToken)
    {
        if (!_hostsGrains)
        {
            return;
        }

        var queue = await control.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken);
        await control.QueueBindAsync(queue.QueueName, ClusterTopology.StreamExchange(_options.Name), string.Empty, cancellationToken: cancellationToken);
        var consumer = new AsyncEventingBasicConsumer(control);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            OnStreamItem(delivery);
            return Task.CompletedTask;
        };
        await control.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer, cancellationToken);
    }

    private void OnStreamItem(BasicDeliverEventArgs delivery)
    {
        var headers = delivery.BasicProperties.Headers;
        var type = delivery.BasicProperties.Type is { } typeName ? Type.GetType(typeName) : null;
        if (type is null || Text(headers, StreamNamespaceHeader) is not { } ns || Text(headers, StreamKeyHeader) is not { } key)
        {
            LogMalformedStreamItem(delivery.BasicProperties.Type ?? "(no type)");
            return;
        }

        object? item;
        try
        {
            item = JsonSerializer.Deserialize(delivery.Body.Span, type, RuntimeJson.Options);
        }
        catch (JsonException exception)
        {
            LogMalformedStreamItem(exception.Message);
            return;
        }

        if (item is not null && _runtime.GetStreamProvider(MemoryStreamProvider.DefaultName) is MemoryStreamProvider provider)
        {
            _ = provider.Channel(new StreamId(ns, key)).Enqueue(item);
        }
    }

    private static string? Text(IDictionary<string, object?>? headers, string name)
        => headers?.TryGetValue(name, out var value) == true && value is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : null;
}
