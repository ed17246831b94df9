using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using MySqlConnector;

namespace ReadingTracker.Api.Persistence;

/// <summary>The few places where SQLite and MariaDB/MySQL SQL differ.</summary>
public abstract class SqlDialect
{
    public abstract DatabaseProvider Provider { get; }

    /// <summary>Insert the row, or overwrite every given column when the id already exists.</summary>
    public abstract string Upsert(string table, IReadOnlyList<string> columns);

    public abstract bool IsUniqueViolation(Exception exception);

    /// <summary>Appended to a SELECT to lock its rows until the transaction ends; SQLite's write transaction already locks the file.</summary>
    public virtual string LockRows => "";

    public virtual Task PrepareConnectionAsync(DbConnection connection, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// True when the exception means "this master cannot be reached or did not answer", as opposed to
    /// a statement the master rejected. Only these fail a read over to the other master.
    /// </summary>
    public static bool IsConnectionFailure(Exception exception) => exception switch
    {
        MySqlException { ErrorCode: MySqlErrorCode.UnableToConnectToHost } => true,
        MySqlException { ErrorCode: MySqlErrorCode.ServerShutdown or MySqlErrorCode.ConnectionCountError } => true,
        MySqlException { InnerException: { } inner } => IsConnectionFailure(inner),
        SqliteException { SqliteErrorCode: 14 or 10 or 26 } => true, // CANTOPEN, IOERR, NOTADB
        IOException or SocketException or TimeoutException or EndOfStreamException => true,
        InvalidOperationException { InnerException: { } inner } => IsConnectionFailure(inner),
        OperationCanceledException => false,
        _ => false,
    };

    /// <summary>A write that lost a lock race (deadlock, lock wait timeout, busy file): nothing was written, a retry may succeed.</summary>
    public static bool IsTransientConflict(Exception exception) => exception switch
    {
        MySqlException { ErrorCode: MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout } => true,
        SqliteException { SqliteErrorCode: 5 or 6 } => true, // BUSY, LOCKED
        _ => false,
    };

    protected static string Columns(IEnumerable<string> columns) => string.Join(", ", columns);

    protected static string Parameters(IEnumerable<string> columns) => string.Join(", ", columns.Select(c => "@" + c));
}

public sealed class SqliteDialect : SqlDialect
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string Upsert(string table, IReadOnlyList<string> columns) =>
        $"INSERT INTO {table} ({Columns(columns)}) VALUES ({Parameters(columns)}) " +
        $"ON CONFLICT(id) DO UPDATE SET {string.Join(", ", columns.Where(c => c != "id").Select(c => $"{c} = excluded.{c}"))}";

    public override bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };

    public override async Task PrepareConnectionAsync(DbConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 10000;";
        await command.ExecuteNonQueryAsync(ct);
    }
}

public sealed class MySqlDialect : SqlDialect
{
    public override DatabaseProvider Provider => DatabaseProvider.MySql;

    public override string Upsert(string table, IReadOnlyList<string> columns) =>
        $"INSERT INTO {table} ({Columns(columns)}) VALUES ({Parameters(columns)}) " +
        $"ON DUPLICATE KEY UPDATE {string.Join(", ", columns.Where(c => c != "id").Select(c => $"{c} = VALUES({c})"))}";

    public override bool IsUniqueViolation(Exception exception) =>
        exception is MySqlException { ErrorCode: MySqlErrorCode.DuplicateKeyEntry };

    public override string LockRows => " FOR UPDATE";
}
