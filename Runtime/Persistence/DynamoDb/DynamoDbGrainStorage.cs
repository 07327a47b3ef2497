using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Reroute.Runtime.Persistence.DynamoDb;

/// <summary>
/// Grain state in DynamoDB: one item per (grain, state) — partition key <c>type/key</c>, sort key the state name — with
/// the state as JSON text (readable in the console), the grain's type and key as their own attributes, and an integer
/// version as ETag. Every write is conditional on that version, so a stale activation's write fails in DynamoDB itself.
/// A clear leaves a tombstone (no <c>data</c>) whose version keeps counting: versions never repeat for a grain.
/// </summary>
public sealed class DynamoDbGrainStorage(IAmazonDynamoDB client, DynamoDbOptions options, TimeProvider time) : IGrainStorage
{
    /// <summary>The provider's default name.</summary>
    public const string DefaultName = "DynamoDb";

    private const string DataAttribute = "data";
    private const string EtagAttribute = "etag";

    // Attribute names and the small attributes besides the JSON, as DynamoDB counts an item's size.
    private const int ItemOverheadBytes = 128;

    /// <inheritdoc />
    public string Name => DefaultName;

    /// <inheritdoc />
    public async Task<StoredState?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        var response = await client.GetItemAsync(new GetItemRequest
        {
            TableName = options.StateTable,
            Key = Key(grainId, stateName),
            ConsistentRead = true,
        }, cancellationToken);
        return response.Item is { } item && item.TryGetValue(DataAttribute, out var data)
            ? new StoredState(data.S, item[EtagAttribute].N)
            : null;
    }

    /// <inheritdoc />
    public async Task<string> WriteAsync(GrainId grainId, string stateName, string json, string? expectedEtag, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        var size = Encoding.UTF8.GetByteCount(json) + (Encoding.UTF8.GetByteCount(grainId.ToString()) * 2) + (Encoding.UTF8.GetByteCount(stateName) * 2) + at.Length + ItemOverheadBytes;
        if (size > options.MaxItemBytes)
        {
            throw new GrainStateTooLargeException(
                $"State '{stateName}' of {grainId} is {size / 1024.0:F0} KB as a DynamoDB item; items are limited to " +
                $"{options.MaxItemBytes / 1024} KB. Keep large documents out of grain state (store a reference instead). Nothing was written.");
        }

        var values = new Dictionary<string, AttributeValue>
        {
            [":data"] = new() { S = json },
            [":one"] = new() { N = "1" },
            [":at"] = new() { S = at },
            [":type"] = new() { S = grainId.Type },
            [":key"] = new() { S = grainId.Key },
            [":name"] = new() { S = stateName },
        };
        string version;
        string condition;
        if (expectedEtag is null)
        {
            // New, or over a tombstone: the version goes on from the tombstone's.
            version = "#etag = if_not_exists(#etag, :zero) + :one";
            condition = "attribute_not_exists(#data)";
            values[":zero"] = new() { N = "0" };
        }
        else
        {
            version = "#etag = #etag + :one";
            condition = "#etag = :etag AND attribute_exists(#data)";
            values[":etag"] = new() { N = ParseEtag(grainId, stateName, expectedEtag).ToString(CultureInfo.InvariantCulture) };
        }

        var request = new UpdateItemRequest
        {
            TableName = options.StateTable,
            Key = Key(grainId, stateName),
            UpdateExpression = $"SET {version}, #data = :data, updatedAt = :at, grainType = :type, grainKey = :key, stateName = :name",
            ConditionExpression = condition,
            ExpressionAttributeNames = new Dictionary<string, string> { ["#etag"] = EtagAttribute, ["#data"] = DataAttribute },
            ExpressionAttributeValues = values,
            ReturnValues = ReturnValue.UPDATED_NEW,
        };
        try
        {
            var response = await client.UpdateItemAsync(request, cancellationToken);
            return response.Attributes[EtagAttribute].N;
        }
        catch (ConditionalCheckFailedException)
        {
            throw InconsistentStateMessages.For(grainId, stateName, await StoredEtag(grainId, stateName, cancellationToken), expectedEtag);
        }
    }

    /// <inheritdoc />
    public async Task ClearAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken)
    {
        if (expectedEtag is null)
        {
            var stored = await StoredEtag(grainId, stateName, cancellationToken);
            if (stored is not null)
            {
                throw InconsistentStateMessages.For(grainId, stateName, stored, null);
            }

            return;
        }

        var request = new UpdateItemRequest
        {
            TableName = options.StateTable,
            Key = Key(grainId, stateName),
            UpdateExpression = "SET #etag = #etag + :one, updatedAt = :at REMOVE #data",
            ConditionExpression = "#etag = :etag AND attribute_exists(#data)",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#etag"] = EtagAttribute, ["#data"] = DataAttribute },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":etag"] = new() { N = ParseEtag(grainId, stateName, expectedEtag).ToString(CultureInfo.InvariantCulture) },
                [":one"] = new() { N = "1" },
                [":at"] = new() { S = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) },
            },
        };
        try
        {
            await client.UpdateItemAsync(request, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            throw InconsistentStateMessages.For(grainId, stateName, await StoredEtag(grainId, stateName, cancellationToken), expectedEtag);
        }
    }

    private async Task<string?> StoredEtag(GrainId grainId, string stateName, CancellationToken cancellationToken)
        => (await ReadAsync(grainId, stateName, cancellationToken))?.Etag;

    private Dictionary<string, AttributeValue> Key(GrainId grainId, string stateName) => new()
    {
        [options.PartitionKeyName] = new AttributeValue { S = grainId.ToString() },
        [options.SortKeyName] = new AttributeValue { S = stateName },
    };

    private static long ParseEtag(GrainId grainId, string stateName, string etag)
        => long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw InconsistentStateMessages.For(grainId, stateName, null, etag);
}
