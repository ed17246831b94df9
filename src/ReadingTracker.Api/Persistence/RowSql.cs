using System.Data.Common;

namespace ReadingTracker.Api.Persistence;

/// <summary>Row-level SQL shared by the write path, its compensation and the recovery worker.</summary>
public static class RowSql
{
    public static async Task<IReadOnlyDictionary<string, object?>?> ReadRowAsync(
        DbConnection connection, DbTransaction? transaction, string table, long id, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT * FROM {table} WHERE id = @id";
        AddParameter(command, "id", id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

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
        var columns = write.Kind == RowWriteKind.Update ? write.Values.Keys.Where(c => c != "id").ToList() : write.Values.Keys.ToList();
        command.CommandText = write.Kind switch
        {
            RowWriteKind.Insert => $"INSERT INTO {write.Table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))})",
            RowWriteKind.Update => $"UPDATE {write.Table} SET {string.Join(", ", columns.Select(c => $"{c} = @{c}"))} WHERE id = @id",
            RowWriteKind.Delete => $"DELETE FROM {write.Table} WHERE id = @id",
            _ => throw new InvalidOperationException(write.Kind.ToString()),
        };
        if (write.Kind != RowWriteKind.Delete)
        {
            foreach (var (column, value) in write.Values.Where(v => write.Kind == RowWriteKind.Insert || v.Key != "id"))
            {
                AddParameter(command, column, value);
            }
        }

        if (write.Kind != RowWriteKind.Insert)
        {
            AddParameter(command, "id", write.Id);
        }

        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Put a row back as it was: upsert the before-image, or remove a row that did not exist.</summary>
    public static async Task RestoreAsync(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, RowWrite write,
        IReadOnlyDictionary<string, object?>? before, CancellationToken ct)
    {
        if (before is null)
        {
            await ApplyAsync(connection, transaction, dialect, write with { Kind = RowWriteKind.Delete }, ct);
            return;
        }

        await UpsertAsync(connection, transaction, dialect, write.Table, before, ct);
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
