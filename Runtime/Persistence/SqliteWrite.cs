using Microsoft.Data.Sqlite;

namespace Reroute.Runtime.Persistence;

/// <summary>One write waiting for the next group commit.</summary>
internal abstract class SqliteWrite
{
    public abstract void Execute(SqliteWriteContext context);

    public abstract void Commit();

    public abstract void Fail(Exception exception);
}

/// <summary>A write with a result, handed to the caller only after its transaction has committed.</summary>
internal sealed class SqliteWrite<T>(Func<SqliteWriteContext, T> operation) : SqliteWrite
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;
    private Exception? _refused;

    public Task<T> Task => _completion.Task;

    public override void Execute(SqliteWriteContext context)
    {
        try
        {
            _result = operation(context);
        }
        catch (InconsistentStateException refused)
        {
            // A refused conditional write changed nothing; the rest of the batch still commits.
            _refused = refused;
        }
    }

    public override void Commit()
    {
        if (_refused is not null)
        {
            _completion.TrySetException(_refused);
        }
        else
        {
            _completion.TrySetResult(_result!);
        }
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}

/// <summary>The writer connection inside a batch transaction, with prepared commands kept across batches.</summary>
internal sealed class SqliteWriteContext(SqliteConnection connection)
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteTransaction? Transaction { get; set; }

    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Parameters.Clear();
        command.Transaction = Transaction;
        return command;
    }

    public void DisposeCommands()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
