using System.ComponentModel.DataAnnotations;

namespace Reroute.Runtime.Persistence.DynamoDb;

/// <summary>Grain state and reminders in DynamoDB (<c>Reroute:Storage:DynamoDb</c>), the cluster's store on AWS.</summary>
public sealed class DynamoDbOptions
{
    /// <summary>A DynamoDB-compatible endpoint (dynalite, DynamoDB Local); empty means AWS itself in <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The AWS region (also signs requests to a local endpoint).</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Static credentials for a local endpoint; empty means the default chain (an ECS task role on AWS).</summary>
    public string? AccessKey { get; set; }

    /// <summary>The secret of <see cref="AccessKey"/>.</summary>
    public string? SecretKey { get; set; }

    /// <summary>The grain state table.</summary>
    public string StateTable { get; set; } = "reroute-grain-state";

    /// <summary>The reminders table.</summary>
    public string RemindersTable { get; set; } = "reroute-reminders";

    /// <summary>Name of the partition key attribute (the grain: <c>type/key</c>).</summary>
    public string PartitionKeyName { get; set; } = "pk";

    /// <summary>Name of the sort key attribute (the state or reminder name).</summary>
    public string SortKeyName { get; set; } = "sk";

    /// <summary>Largest item DynamoDB accepts; a larger state is refused before it is sent.</summary>
    public int MaxItemBytes { get; set; } = 400 * 1024;

    /// <summary>How often <c>init-dynamodb</c> asks whether a new table is active yet.</summary>
    public TimeSpan TablePollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long <c>init-dynamodb</c> waits for new tables to become active.</summary>
    public TimeSpan TableCreationTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Problems with the values, each naming its member.</summary>
    public IEnumerable<ValidationResult> Validate()
    {
        foreach (var (name, value) in new[] { (nameof(StateTable), StateTable), (nameof(RemindersTable), RemindersTable) })
        {
            // DynamoDB's own rule for table names.
            if (value is null || value.Length is < 3 or > 255 || !value.All(static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                yield return new ValidationResult($"'{value}' is not a DynamoDB table name (3–255 of a-z, A-Z, 0-9, '_', '-', '.').", [name]);
            }
        }

        if (string.IsNullOrWhiteSpace(PartitionKeyName) || string.IsNullOrWhiteSpace(SortKeyName) || PartitionKeyName == SortKeyName)
        {
            yield return new ValidationResult("must be two different, non-empty attribute names.", [nameof(PartitionKeyName)]);
        }

        if (ServiceUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            yield return new ValidationResult($"'{url}' is not an absolute URL.", [nameof(ServiceUrl)]);
        }

        if (string.IsNullOrEmpty(AccessKey) != string.IsNullOrEmpty(SecretKey))
        {
            yield return new ValidationResult("AccessKey and SecretKey are given together or not at all.", [nameof(AccessKey)]);
        }

        if (MaxItemBytes is < 1024 or > 400 * 1024)
        {
            yield return new ValidationResult($"must be between 1024 and {400 * 1024} (was {MaxItemBytes}).", [nameof(MaxItemBytes)]);
        }
    }
}
