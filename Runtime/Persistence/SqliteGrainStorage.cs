using System.Globalization;

namespace Reroute.Runtime.Persistence;

/// <summary>Grain state in the embedded SQLite file: one row per (grain, state), JSON text, an integer version as ETag.</summary>
public sealed class SqliteGrainStorage(SqliteDatabase database, TimeProvider time) : IGrainStorage
{
    /// <summary>The provider's default name.</summary>
    public const string DefaultName = "Sqlite";

    // A cleared state stays as a tombstone (data NULL) whose version keeps counting: versions never repeat for a
    // grain, so an activation holding a version from before a clear can never write over what came after it.
    private const string Insert = """
        INSERT INTO grain_state (grain_type, grain_key, state_name, etag, data, updated_at)
        VALUES ($type, $key, $name, 1, $data, $at)
        ON CONFLICT (grain_type, grain_key, state_name) DO UPDATE
            SET data = excluded.data, etag = grain_state.etag + 1, updated_at = excluded.updated_at
            WHERE grain_state.data IS NULL
        RETURNING etag
        """;

    private const string Update = """
        UPDATE grain_state SET data = $data, etag = etag + 1, updated_at = $at
        WHERE grain_type = $type AND grain_key = $key AND state_name = $name AND etag = $etag AND data IS NOT NULL
        RETURNING etag
        """;

    private const string Clear = """
        UPDATE grain_state SET data = NULL, etag = etag + 1, updated_at = $at
        WHERE grain_type = $type AND grain_key = $key AND state_name = $name AND etag = $etag AND data IS NOT NULL
        """;

    private const string SelectEtag = "SELECT etag FROM grain_state WHERE grain_type = $type AND grain_key = $key AND state_name = $name AND data IS NOT NULL";

    /// <inheritdoc />
    public string Name => DefaultName;

    /// <inheritdoc />
    public async Task<StoredState?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        await using var connection = database.OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT data, etag FROM grain_state WHERE grain_type = $type AND grain_key = $key AND state_name = $name AND data IS NOT NULL";
        command.Parameters.AddWithValue("$type", grainId.Type);
        command.Parameters.AddWithValue("$key", grainId.Key);
        command.Parameters.AddWithValue("$name", stateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredState(reader.GetString(0), reader.GetInt64(1).ToString(CultureInfo.InvariantCulture))
            : null;
    }

    /// <inheritdoc />
    public Task<string> WriteAsync(GrainId grainId, string stateName, string json, string? expectedEtag, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        long? expected = expectedEtag is null ? null : ParseEtag(grainId, stateName, expectedEtag);
        return database.WriteAsync(context =>
        {
            var command = context.Command(expected is null ? Insert : Update);
            Bind(command, grainId, stateName);
            command.Parameters.AddWithValue("$data", json);
            command.Parameters.AddWithValue("$at", at);
            if (expected is { } etag)
            {
                command.Parameters.AddWithValue("$etag", etag);
            }

            return command.ExecuteScalar() is long written
                ? written.ToString(CultureInfo.InvariantCulture)
                : throw InconsistentStateMessages.For(grainId, stateName, StoredEtag(context, grainId, stateName), expectedEtag);
        });
    }

    /// <inheritdoc />
    public Task ClearAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken)
    {
        long? expected = expectedEtag is null ? null : ParseEtag(grainId, stateName, expectedEtag);
        return database.WriteAsync(context =>
        {
            var stored = StoredEtag(context, grainId, stateName);
            if (expected is null)
            {
                return stored is null ? true : throw InconsistentStateMessages.For(grainId, stateName, stored, null);
            }

            var command = context.Command(Clear);
            Bind(command, grainId, stateName);
            command.Parameters.AddWithValue("$etag", expected.Value);
            command.Parameters.AddWithValue("$at", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            return command.ExecuteNonQuery() == 1 ? true : throw InconsistentStateMessages.For(grainId, stateName, stored, expectedEtag);
        });
    }

    private static string? StoredEtag(SqliteWriteContext context, GrainId grainId, string stateName)
    {
        var command = context.Command(SelectEtag);
        Bind(command, grainId, stateName);
        return command.ExecuteScalar() is long etag ? etag.ToString(CultureInfo.InvariantCulture) : null;
    }

    private static void Bind(Microsoft.Data.Sqlite.SqliteCommand command, GrainId grainId, string stateName)
    {
        command.Parameters.AddWithValue("$type", grainId.Type);
        command.Parameters.AddWithValue("$key", grainId.Key);
        command.Parameters.AddWithValue("$name", stateName);
    }

    private static long ParseEtag(GrainId grainId, string stateName, string etag)
        => long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw InconsistentStateMessages.For(grainId, stateName, null, etag);
}
