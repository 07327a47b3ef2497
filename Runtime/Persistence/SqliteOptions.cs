using System.ComponentModel.DataAnnotations;

namespace Reroute.Runtime.Persistence;

/// <summary>The embedded SQLite store (<c>Reroute:Storage:Sqlite</c>).</summary>
public sealed class SqliteOptions
{
    /// <summary>Folder of the database file, relative to the working directory unless absolute.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>The database file's name.</summary>
    public string FileName { get; set; } = "reroute.db";

    /// <summary>Most writes committed in one transaction (one fsync).</summary>
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>How long SQLite waits for a lock another process holds before the silo reports the file as locked.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Check the file's integrity at start-up (<c>PRAGMA quick_check</c>).</summary>
    public bool CheckIntegrityOnStart { get; set; } = true;

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, FileName));

    /// <summary>Problems with the values, each naming its member.</summary>
    public IEnumerable<ValidationResult> Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            yield return new ValidationResult("must name a folder.", [nameof(DataDirectory)]);
        }

        if (string.IsNullOrWhiteSpace(FileName) || FileName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            yield return new ValidationResult($"'{FileName}' is not a valid file name.", [nameof(FileName)]);
        }

        if (MaxBatchSize is < 1 or > 100_000)
        {
            yield return new ValidationResult($"must be between 1 and 100000 (was {MaxBatchSize}).", [nameof(MaxBatchSize)]);
        }

        if (BusyTimeout < TimeSpan.Zero || BusyTimeout > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult($"must be between 0 and 5 minutes (was {BusyTimeout}).", [nameof(BusyTimeout)]);
        }
    }
}
