using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Reroute.Runtime.Persistence.DynamoDb;

/// <summary>Creates the state and reminder tables if they are missing (the Silo's <c>init-dynamodb</c> verb).</summary>
public static class DynamoDbTables
{
    /// <summary>Creates what is missing and waits until both tables are active; returns the tables it created.</summary>
    public static async Task<IReadOnlyList<string>> EnsureCreatedAsync(IAmazonDynamoDB client, DynamoDbOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var created = new List<string>();
        foreach (var table in new[] { options.StateTable, options.RemindersTable })
        {
            if (await StatusOf(client, table, cancellationToken) is null)
            {
                await client.CreateTableAsync(new CreateTableRequest
                {
                    TableName = table,
                    BillingMode = BillingMode.PAY_PER_REQUEST,
                    AttributeDefinitions =
                    [
                        new AttributeDefinition(options.PartitionKeyName, ScalarAttributeType.S),
                        new AttributeDefinition(options.SortKeyName, ScalarAttributeType.S),
                    ],
                    KeySchema =
                    [
                        new KeySchemaElement(options.PartitionKeyName, KeyType.HASH),
                        new KeySchemaElement(options.SortKeyName, KeyType.RANGE),
                    ],
                }, cancellationToken);
                created.Add(table);
            }
        }

        using var deadline = new CancellationTokenSource(options.TableCreationTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        foreach (var table in new[] { options.StateTable, options.RemindersTable })
        {
            while (await StatusOf(client, table, linked.Token) != TableStatus.ACTIVE)
            {
                await Task.Delay(options.TablePollInterval, time, linked.Token);
            }
        }

        return created;
    }

    /// <summary>The tables of <paramref name="options"/> that do not exist.</summary>
    public static async Task<IReadOnlyList<string>> MissingAsync(IAmazonDynamoDB client, DynamoDbOptions options, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        foreach (var table in new[] { options.StateTable, options.RemindersTable })
        {
            if (await StatusOf(client, table, cancellationToken) is null)
            {
                missing.Add(table);
            }
        }

        return missing;
    }

    private static async Task<TableStatus?> StatusOf(IAmazonDynamoDB client, string table, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.DescribeTableAsync(table, cancellationToken)).Table.TableStatus;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }
}
