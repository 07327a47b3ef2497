using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Reroute.Runtime.Persistence;

/// <summary>
/// The embedded store: one SQLite file in WAL mode, owned by one silo (a lock file beside it), written by a single
/// writer that commits waiting writes together — one fsync for many grains — and acknowledges each only after its
/// transaction is on disk. Reads use their own pooled connections and never wait for the writer.
/// </summary>
public sealed partial class SqliteDatabase : IAsyncDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS grain_state (
            grain_type TEXT NOT NULL,
            grain_key TEXT NOT NULL,
            state_name TEXT NOT NULL,
            etag INTEGER NOT NULL,
            data TEXT,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (grain_type, grain_key, state_name)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS reminders (
            grain_type TEXT NOT NULL,
            grain_key TEXT NOT NULL,
            name TEXT NOT NULL,
            start_at INTEGER NOT NULL,
            period_ticks INTEGER NOT NULL,
            next_due INTEGER NOT NULL,
            PRIMARY KEY (grain_type, grain_key, name)
        ) WITHOUT ROWID;
        """;

    private readonly SqliteOptions _options;
    private readonly ILogger<SqliteDatabase> _logger;
    private readonly Channel<SqliteWrite> _writes = Channel.CreateUnbounded<SqliteWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _openLock = new();
    private FileStream? _lockFile;
    private SqliteConnection? _writer;
    private Task? _writerLoop;
    private string? _readConnectionString;

    /// <summary>Creates the database; nothing is opened until <see cref="Open"/>.</summary>
    public SqliteDatabase(IOptions<SqliteOptions> options, ILogger<SqliteDatabase> logger)
    {
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>The database file.</summary>
    public string DatabasePath => _options.DatabasePath;

    /// <summary>Whether the database is open.</summary>
    public bool IsOpen => _writerLoop is not null;

    /// <summary>Opens (creating if needed) the file, takes ownership, checks it and starts the writer. Idempotent.</summary>
    /// <exception cref="StorageStartupException">The file is corrupt, not a database, or held by another process.</exception>
    public void Open()
    {
        lock (_openLock)
        {
            if (_writerLoop is not null)
            {
                return;
            }

            var path = DatabasePath;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            _lockFile = AcquireOwnership(path);
            try
            {
                _writer = OpenWriter(path);
            }
            catch
            {
                _lockFile.Dispose();
                _lockFile = null;
                throw;
            }

            _readConnectionString = new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = SqliteOpenMode.ReadOnly,
                Cache = SqliteCacheMode.Private,
                Pooling = true,
                DefaultTimeout = (int)Math.Ceiling(_options.BusyTimeout.TotalSeconds),
            }.ToString();
            _writerLoop = Task.Factory.StartNew(WriterLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
            LogOpened(path);
        }
    }

    /// <summary>Queues a write for the next commit; completes once that commit is durable.</summary>
    internal Task<T> WriteAsync<T>(Func<SqliteWriteContext, T> operation)
    {
        if (_writerLoop is null)
        {
            throw new InvalidOperationException("The SQLite store is not open.");
        }

        var write = new SqliteWrite<T>(operation);
        if (!_writes.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(SqliteDatabase), "The SQLite store is closed.");
        }

        return write.Task;
    }

    /// <summary>Opens a read-only connection (pooled).</summary>
    internal SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_readConnectionString ?? throw new InvalidOperationException("The SQLite store is not open."));
        connection.Open();
        return connection;
    }

    /// <summary>Commits what is queued, stops the writer and releases the file.</summary>
    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        if (_writerLoop is { } loop)
        {
            await loop.ConfigureAwait(false);
        }

        _writer?.Dispose();
        SqliteConnection.ClearAllPools();
        _lockFile?.Dispose();
        _writerLoop = null;
    }

    private FileStream AcquireOwnership(string path)
    {
        var lockPath = path + ".lock";
        try
        {
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException exception)
        {
            throw new StorageStartupException(
                $"The SQLite file '{path}' is in use by another silo (its lock file '{lockPath}' is held). " +
                "One embedded silo owns one data folder; stop the other silo or point Reroute:Storage:Sqlite:DataDirectory elsewhere.",
                exception);
        }
    }

    private SqliteConnection OpenWriter(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(_options.BusyTimeout.TotalSeconds),
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {(long)_options.BusyTimeout.TotalMilliseconds};");
            var mode = Scalar(connection, "PRAGMA journal_mode = WAL;");
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new StorageStartupException($"The SQLite file '{path}' could not be put in WAL mode (it reports '{mode}').");
            }

            // WAL with synchronous=FULL syncs the log on every commit: an acknowledged write survives power loss.
            Execute(connection, "PRAGMA synchronous = FULL;");
            if (_options.CheckIntegrityOnStart)
            {
                var check = Scalar(connection, "PRAGMA quick_check;");
                if (!string.Equals(check, "ok", StringComparison.OrdinalIgnoreCase))
                {
                    throw new StorageStartupException(
                        $"The SQLite file '{path}' failed its integrity check ({check}). Reroute will not write to it: " +
                        "restore a backup or move the file aside.");
                }
            }

            Execute(connection, Schema);
            return connection;
        }
        catch (SqliteException exception)
        {
            connection.Dispose();
            throw Explain(path, exception);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static StorageStartupException Explain(string path, SqliteException exception) => exception.SqliteErrorCode switch
    {
        // SQLITE_BUSY, SQLITE_LOCKED
        5 or 6 => new StorageStartupException(
            $"The SQLite file '{path}' is locked by another process (SQLite error {exception.SqliteErrorCode}: {exception.Message}). " +
            "Stop the process that holds it, then start the silo again.", exception),
        // SQLITE_CORRUPT, SQLITE_NOTADB
        11 or 26 => new StorageStartupException(
            $"The SQLite file '{path}' is corrupt or is not a Reroute database (SQLite error {exception.SqliteErrorCode}: {exception.Message}). " +
            "Reroute will not overwrite it: restore a backup or move the file aside.", exception),
        _ => new StorageStartupException($"The SQLite file '{path}' could not be opened (SQLite error {exception.SqliteErrorCode}: {exception.Message}).", exception),
    };

    private async Task WriterLoop()
    {
        var context = new SqliteWriteContext(_writer!);
        var batch = new List<SqliteWrite>(_options.MaxBatchSize);
        var reader = _writes.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _options.MaxBatchSize && reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            CommitBatch(context, batch);
            batch.Clear();
        }

        context.DisposeCommands();
    }

    private void CommitBatch(SqliteWriteContext context, List<SqliteWrite> batch)
    {
        try
        {
            using var transaction = _writer!.BeginTransaction();
            context.Transaction = transaction;
            foreach (var write in batch)
            {
                write.Execute(context);
            }

            transaction.Commit();
            context.Transaction = null;
        }
        catch (Exception exception)
        {
            context.Transaction = null;
            LogBatchFailed(exception, batch.Count);
            foreach (var write in batch)
            {
                write.Fail(exception);
            }

            return;
        }

        foreach (var write in batch)
        {
            write.Commit();
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite store open at {Path} (WAL, synchronous=FULL)")]
    private partial void LogOpened(string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} SQLite writes failed and was rolled back")]
    private partial void LogBatchFailed(Exception exception, int count);
}
