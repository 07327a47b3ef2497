using Reroute.Runtime.Persistence;

namespace Reroute.Runtime.Timers;

/// <summary>Reminders in the embedded SQLite file, beside grain state, written through the same group commit.</summary>
public sealed class SqliteReminderTable(SqliteDatabase database) : IReminderTable
{
    private const string Upsert = """
        INSERT INTO reminders (grain_type, grain_key, name, start_at, period_ticks, next_due)
        VALUES ($type, $key, $name, $start, $period, $next)
        ON CONFLICT (grain_type, grain_key, name) DO UPDATE SET start_at = $start, period_ticks = $period, next_due = $next
        """;

    private const string Delete = "DELETE FROM reminders WHERE grain_type = $type AND grain_key = $key AND name = $name";

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = database.OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_type, grain_key, name, start_at, period_ticks, next_due FROM reminders";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<ReminderEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new ReminderEntry(
                new GrainId(reader.GetString(0), reader.GetString(1)),
                reader.GetString(2),
                new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
                TimeSpan.FromTicks(reader.GetInt64(4)),
                new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero)));
        }

        return entries;
    }

    /// <inheritdoc />
    public Task UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken)
        => database.WriteAsync(context =>
        {
            var command = context.Command(Upsert);
            command.Parameters.AddWithValue("$type", entry.GrainId.Type);
            command.Parameters.AddWithValue("$key", entry.GrainId.Key);
            command.Parameters.AddWithValue("$name", entry.ReminderName);
            command.Parameters.AddWithValue("$start", entry.StartAt.UtcTicks);
            command.Parameters.AddWithValue("$period", entry.Period.Ticks);
            command.Parameters.AddWithValue("$next", entry.NextDue.UtcTicks);
            return command.ExecuteNonQuery();
        });

    /// <inheritdoc />
    public Task RemoveAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken)
        => database.WriteAsync(context =>
        {
            var command = context.Command(Delete);
            command.Parameters.AddWithValue("$type", grainId.Type);
            command.Parameters.AddWithValue("$key", grainId.Key);
            command.Parameters.AddWithValue("$name", reminderName);
            return command.ExecuteNonQuery();
        });
}
