using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Reroute.Runtime.Timers;

namespace Reroute.Runtime.Persistence.DynamoDb;

/// <summary>Durable reminders in DynamoDB: partition key the grain, sort key the reminder name, times as ISO text.</summary>
public sealed class DynamoDbReminderTable(IAmazonDynamoDB client, DynamoDbOptions options) : IReminderTable
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var entries = new List<ReminderEntry>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await client.ScanAsync(new ScanRequest { TableName = options.RemindersTable, ExclusiveStartKey = start, ConsistentRead = true }, cancellationToken);
            foreach (var item in page.Items ?? [])
            {
                entries.Add(new ReminderEntry(
                    new GrainId(item["grainType"].S, item["grainKey"].S),
                    item[options.SortKeyName].S,
                    DateTimeOffset.Parse(item["startAt"].S, CultureInfo.InvariantCulture),
                    TimeSpan.FromTicks(long.Parse(item["periodTicks"].N, CultureInfo.InvariantCulture)),
                    DateTimeOffset.Parse(item["nextDue"].S, CultureInfo.InvariantCulture)));
            }

            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return entries;
    }

    /// <inheritdoc />
    public Task UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken)
        => client.PutItemAsync(new PutItemRequest
        {
            TableName = options.RemindersTable,
            Item = new Dictionary<string, AttributeValue>
            {
                [options.PartitionKeyName] = new() { S = entry.GrainId.ToString() },
                [options.SortKeyName] = new() { S = entry.ReminderName },
                ["grainType"] = new() { S = entry.GrainId.Type },
                ["grainKey"] = new() { S = entry.GrainId.Key },
                ["startAt"] = new() { S = entry.StartAt.ToString("O", CultureInfo.InvariantCulture) },
                ["periodTicks"] = new() { N = entry.Period.Ticks.ToString(CultureInfo.InvariantCulture) },
                ["nextDue"] = new() { S = entry.NextDue.ToString("O", CultureInfo.InvariantCulture) },
            },
        }, cancellationToken);

    /// <inheritdoc />
    public Task RemoveAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken)
        => client.DeleteItemAsync(new DeleteItemRequest
        {
            TableName = options.RemindersTable,
            Key = new Dictionary<string, AttributeValue>
            {
                [options.PartitionKeyName] = new() { S = grainId.ToString() },
                [options.SortKeyName] = new() { S = reminderName },
            },
        }, cancellationToken);
}
