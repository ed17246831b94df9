using System.Data.Common;
using System.Globalization;
using System.Text;

namespace ReadingTracker.Api.Persistence;

/// <summary>Row-level SQL shared by the write path, its compensation, the outbox replay and the recovery worker.</summary>
public static class RowSql
{
    /// <summary>The row as the master holds it, or null. <paramref name="forUpdate"/> locks it until the transaction ends (MariaDB; SQLite locks the file).</summary>
    public static async Task<IReadOnlyDictionary<string, object?>?> ReadRowAsync(
        DbConnection connection, DbTransaction? transaction, string table, long id, CancellationToken ct, SqlDialect? forUpdate = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT * FROM {table} WHERE id = @id{forUpdate?.LockRows}";
        AddParameter(command, "id", id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Record(reader) : null;
    }

    /// <summary>
    /// The <c>SELECT … FOR UPDATE</c> of a row to lock and read inside a multi-statement (MariaDB), its id parameter
    /// added to <paramref name="command"/> under <paramref name="prefix"/>.
    /// </summary>
    public static string AddLockedRead(DbCommand command, LockedRead read, string prefix)
    {
        AddParameter(command, prefix + "id", read.Id);
        return $"SELECT * FROM {read.Table} WHERE id = @{prefix}id FOR UPDATE";
    }

    /// <summary>
    /// Runs a multi-statement whose only row-returning statements are <paramref name="count"/> locked reads, and
    /// returns their rows in order (null where the row is gone). Statements without a result set are passed over.
    /// </summary>
    public static async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>?>> ReadLockedRowsAsync(DbCommand command, int count, CancellationToken ct)
    {
        var rows = new List<IReadOnlyDictionary<string, object?>?>(count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        do
        {
            if (reader.FieldCount > 0)
            {
                rows.Add(await reader.ReadAsync(ct) ? Record(reader) : null);
            }
        }
        while (await reader.NextResultAsync(ct));

        return rows.Count == count ? rows : throw new InvalidOperationException($"Expected {count} locked rows' result sets, read {rows.Count}.");
    }

    private static Dictionary<string, object?> Record(DbDataReader reader)
    {
        var row = new Dictionary<string, object?>(reader.FieldCount);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            row[reader.GetName(i)] = Normalize(reader.GetValue(i));
        }

        return row;
    }

    public static async Task ApplyAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, RowWrite write, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = AddWrite(command, write, "");
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The statement for one write, its parameters added to <paramref name="command"/> with names that start with
    /// <paramref name="prefix"/>, so that several writes can share one command (one round trip).
    /// </summary>
    public static string AddWrite(DbCommand command, RowWrite write, string prefix)
    {
        var columns = write.Kind == RowWriteKind.Insert ? write.Values.Keys.ToList() : write.Values.Keys.Where(c => c != "id").ToList();
        var sql = write.Kind switch
        {
            RowWriteKind.Insert => $"INSERT INTO {write.Table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => $"@{prefix}{c}"))})",
            RowWriteKind.Update => $"UPDATE {write.Table} SET {string.Join(", ", columns.Select(c => $"{c} = @{prefix}{c}"))} WHERE id = @{prefix}id{Guard(write, prefix)}",
            RowWriteKind.Increment => $"UPDATE {write.Table} SET {string.Join(", ", columns.Select(c => $"{c} = {c} + @{prefix}{c}"))} WHERE id = @{prefix}id",
            RowWriteKind.Delete => $"DELETE FROM {write.Table} WHERE id = @{prefix}id",
            _ => throw new InvalidOperationException(write.Kind.ToString()),
        };
        foreach (var column in columns)
        {
            AddParameter(command, prefix + column, write.Values[column]);
        }

        if (write.Kind != RowWriteKind.Insert)
        {
            AddParameter(command, prefix + "id", write.Id);
        }

        foreach (var (column, value) in write.Guard ?? new Dictionary<string, object?>())
        {
            AddParameter(command, $"{prefix}guard_{column}", value);
        }

        foreach (var (column, value) in write.Below ?? new Dictionary<string, object?>())
        {
            AddParameter(command, $"{prefix}below_{column}", value);
        }

        return sql;
    }

    /// <summary>Whether <paramref name="next"/> can join <paramref name="first"/>'s multi-row insert: same table, same columns in the same order.</summary>
    public static bool SameInsert(RowWrite first, RowWrite next) =>
        first.Kind == RowWriteKind.Insert && next.Kind == RowWriteKind.Insert && first.Table == next.Table
        && first.Values.Keys.SequenceEqual(next.Values.Keys, StringComparer.Ordinal);

    /// <summary>
    /// One <c>INSERT</c> for the inserts <paramref name="writes"/>[from..to), which <see cref="SameInsert"/> joined; the
    /// parameters of row <c>i</c> are named by <paramref name="prefix"/>(i).
    /// </summary>
    public static string AddInserts(DbCommand command, IReadOnlyList<RowWrite> writes, int from, int to, Func<int, string> prefix)
    {
        var columns = writes[from].Values.Keys.ToList();
        var sql = new StringBuilder($"INSERT INTO {writes[from].Table} ({string.Join(", ", columns)}) VALUES ");
        for (var i = from; i < to; i++)
        {
            var p = prefix(i);
            sql.Append(i == from ? "(" : ", (").AppendJoin(", ", columns.Select(c => $"@{p}{c}")).Append(')');
            foreach (var column in columns)
            {
                AddParameter(command, p + column, writes[i].Values[column]);
            }
        }

        return sql.ToString();
    }

    private static string Guard(RowWrite write, string prefix) =>
        (write.Guard is not { Count: > 0 } guard
            ? ""
            : string.Concat(guard.Select(g => g.Value is null ? $" AND {g.Key} IS NULL" : $" AND {g.Key} = @{prefix}guard_{g.Key}")))
        + (write.Below is not { Count: > 0 } below
            ? ""
            : string.Concat(below.Select(b => $" AND ({b.Key} IS NULL OR {b.Key} < @{prefix}below_{b.Key})")));

    /// <summary>
    /// Undo one write of this request, but only while the row still holds what the write put there: a
    /// concurrent write that changed it since is never overwritten by an old before-image. Returns false when
    /// the row was left alone for that reason (the caller records it for recovery).
    /// </summary>
    public static async Task<bool> RestoreAsync(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, RowWrite write,
        IReadOnlyDictionary<string, object?>? before, CancellationToken ct)
    {
        if (write.Kind == RowWriteKind.Increment)
        {
            var inverse = write.Values.ToDictionary(v => v.Key, v => (object?)(-Convert.ToInt64(v.Value, CultureInfo.InvariantCulture)));
            await ApplyAsync(connection, transaction, dialect, write with { Values = inverse }, ct);
            return true;
        }

        var current = await ReadRowAsync(connection, transaction, write.Table, write.Id, ct, forUpdate: dialect);
        if (!StillHoldsWrite(write, current))
        {
            return false;
        }

        if (before is null)
        {
            if (current is not null)
            {
                await ApplyAsync(connection, transaction, dialect, write with { Kind = RowWriteKind.Delete }, ct);
            }

            return true;
        }

        await UpsertAsync(connection, transaction, dialect, write.Table, before, ct);
        return true;
    }

    public static async Task UpsertAsync(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, string table,
        IReadOnlyDictionary<string, object?> row, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = dialect.Upsert(table, row.Keys.ToList());
        foreach (var (column, value) in row)
        {
            AddParameter(command, column, value);
        }

        await command.ExecuteNonQueryAsync(ct);
    }

    public static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    /// <summary>True when <paramref name="current"/> is what <paramref name="write"/> left: its columns as written, or no row after a delete.</summary>
    public static bool StillHoldsWrite(RowWrite write, IReadOnlyDictionary<string, object?>? current) => write.Kind switch
    {
        RowWriteKind.Delete => current is null,
        // An insert whose row is gone has nothing left to undo.
        RowWriteKind.Insert when current is null => true,
        RowWriteKind.Insert or RowWriteKind.Update => current is not null
            && write.Values.All(v => current.TryGetValue(v.Key, out var stored) && SameValue(v.Value, stored)),
        _ => true,
    };

    private static bool SameValue(object? written, object? stored) => (written, stored) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
        _ => string.Equals(Convert.ToString(written, CultureInfo.InvariantCulture), Convert.ToString(stored, CultureInfo.InvariantCulture), StringComparison.Ordinal),
    };

    private static object? Normalize(object value) => value switch
    {
        DBNull => null,
        bool b => b ? 1L : 0L,
        int i => (long)i,
        sbyte s => (long)s,
        byte b => (long)b,
        short s => (long)s,
        _ => value,
    };
}
