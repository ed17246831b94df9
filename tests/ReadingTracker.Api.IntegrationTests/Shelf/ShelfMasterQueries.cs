using System.Data.Common;
using System.Globalization;
using Dapper;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Shelf;

/// <summary>Direct reads and test-only inserts on each master, to prove what a request did (or did not) write there.</summary>
public static class ShelfMasterQueries
{
    public static DbConnection Open(string connectionString) => MasterSql.Connect(connectionString);

    /// <summary>The user_books row as "column=value" text, so two snapshots compare with one Assert.Equal.</summary>
    public static async Task<string?> UserBookRowAsync(string connectionString, long userBookId)
    {
        await using var connection = Open(connectionString);
        var row = (IDictionary<string, object?>?)await connection.QuerySingleOrDefaultAsync(
            "SELECT * FROM user_books WHERE id = @userBookId", new { userBookId });
        return row is null
            ? null
            : string.Join("; ", row.OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => $"{c.Key}={Convert.ToString(c.Value, CultureInfo.InvariantCulture)}"));
    }

    /// <summary>The entry's row on both masters; they must agree.</summary>
    public static async Task<string> UserBookOnBothAsync(AppFactory app, long userBookId)
    {
        var primary = await UserBookRowAsync(app.Primary, userBookId);
        var secondary = await UserBookRowAsync(app.Secondary, userBookId);
        Assert.NotNull(primary);
        Assert.Equal(primary, secondary);
        return primary;
    }

    /// <summary>category_manually_set on one master (MariaDB hands TINYINT(1) back as a bool, SQLite as a number).</summary>
    public static async Task<bool> ManuallySetAsync(string connectionString, long userBookId)
    {
        await using var connection = Open(connectionString);
        var flag = await connection.ExecuteScalarAsync<object>("SELECT category_manually_set FROM user_books WHERE id = @userBookId", new { userBookId });
        return Convert.ToInt64(flag, CultureInfo.InvariantCulture) == 1;
    }

    public static async Task<long?> DeletedAtAsync(string connectionString, string table, long id)
    {
        await using var connection = Open(connectionString);
        return await connection.ExecuteScalarAsync<long?>($"SELECT deleted_at FROM {table} WHERE id = @id", new { id });
    }

    /// <summary>
    /// A memo written straight into both masters (the memo endpoints live on another branch), with the same
    /// id on each, as the dual-write path would leave it.
    /// </summary>
    public static async Task<long> InsertMemoOnBothAsync(AppFactory app, long userId, long userBookId, DateTimeOffset startedAt)
    {
        var id = Random.Shared.NextInt64(1L << 40, 1L << 50);
        var at = startedAt.ToUnixTimeMilliseconds();
        foreach (var connectionString in new[] { app.Primary, app.Secondary })
        {
            await using var connection = Open(connectionString);
            await connection.ExecuteAsync(
                "INSERT INTO memo (id, user_id, user_book_id, page_number, content, memo_start_time, version, created_at, updated_at) " +
                "VALUES (@id, @userId, @userBookId, 1, 'memo', @at, 1, @at, @at)",
                new { id, userId, userBookId, at });
        }

        return id;
    }

    /// <summary>Test set-up only: put a column of an entry to a value no endpoint would write, on both masters.</summary>
    public static async Task SetOnBothAsync(AppFactory app, long userBookId, string column, object? value)
    {
        foreach (var connectionString in new[] { app.Primary, app.Secondary })
        {
            await using var connection = Open(connectionString);
            await connection.ExecuteAsync($"UPDATE user_books SET {column} = @value WHERE id = @userBookId", new { value, userBookId });
        }
    }
}
