using System.ComponentModel.DataAnnotations;
using Reroute.Runtime.Persistence;
using Reroute.Runtime.Persistence.DynamoDb;

namespace Reroute.Runtime.Hosting;

/// <summary>Grain state storage (<c>Reroute:Storage</c>).</summary>
public sealed class StorageOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Reroute:Storage";

    /// <summary>
    /// The default provider: <c>Sqlite</c> (embedded default), <c>DynamoDb</c> (cluster on AWS) or <c>Memory</c>
    /// (nothing survives a restart).
    /// </summary>
    public string Provider { get; set; } = SqliteGrainStorage.DefaultName;

    /// <summary>The embedded SQLite store.</summary>
    public SqliteOptions Sqlite { get; set; } = new();

    /// <summary>The DynamoDB store.</summary>
    public DynamoDbOptions DynamoDb { get; set; } = new();

    /// <summary>Whether the DynamoDB store is in use.</summary>
    public bool UsesDynamoDb => string.Equals(Provider, DynamoDbGrainStorage.DefaultName, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the SQLite store is in use.</summary>
    public bool UsesSqlite => string.Equals(Provider, SqliteGrainStorage.DefaultName, StringComparison.OrdinalIgnoreCase);

    /// <summary>Problems with the values, each naming its member.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!UsesSqlite && !UsesDynamoDb && !string.Equals(Provider, MemoryGrainStorage.DefaultName, StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult(
                $"must be '{SqliteGrainStorage.DefaultName}', '{DynamoDbGrainStorage.DefaultName}' or '{MemoryGrainStorage.DefaultName}' (was '{Provider}').",
                [nameof(Provider)]);
        }

        if (UsesDynamoDb)
        {
            foreach (var problem in DynamoDb.Validate())
            {
                yield return new ValidationResult(problem.ErrorMessage, [.. problem.MemberNames.Select(static m => $"{nameof(DynamoDb)}:{m}")]);
            }
        }

        if (UsesSqlite)
        {
            foreach (var problem in Sqlite.Validate())
            {
                yield return new ValidationResult(problem.ErrorMessage, [.. problem.MemberNames.Select(static m => $"{nameof(Sqlite)}:{m}")]);
            }
        }
    }
}
