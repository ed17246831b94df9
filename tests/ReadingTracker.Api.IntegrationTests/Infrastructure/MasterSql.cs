using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using MySqlConnector;

namespace ReadingTracker.Api.IntegrationTests.Infrastructure;

/// <summary>Direct SQL on one master, to check what really landed where (not through the API).</summary>
public static class MasterSql
{
    public static readonly string[] Tables =
        ["users", "user_devices", "refresh_tokens", "password_reset_tokens", "books", "user_books", "tags", "memo", "memo_search", "memo_tags", "memo_history", "progress_history", "shelf_conflicts"];

    /// <summary>A connection to one master of the provider under test, not yet opened.</summary>
    public static DbConnection Connect(string connectionString) =>
        TestDatabases.IsMySql ? new MySqlConnection(connectionString) : new SqliteConnection(connectionString);

    public static DbConnection Open(string connectionString)
    {
        var connection = Connect(connectionString);
        connection.Open();
        return connection;
    }

    public static async Task<long> CountAsync(string connectionString, string sql, object? args = null)
    {
        await using var connection = Open(connectionString);
        return await connection.ExecuteScalarAsync<long>(sql, args);
    }

    public static async Task<T?> ScalarAsync<T>(string connectionString, string sql, object? args = null)
    {
        await using var connection = Open(connectionString);
        return await connection.ExecuteScalarAsync<T>(sql, args);
    }

    public static async Task ExecuteAsync(string connectionString, string sql, object? args = null)
    {
        await using var connection = Open(connectionString);
        await connection.ExecuteAsync(sql, args);
    }

    /// <summary>Every row of every table, rendered as text, keyed by table and id.</summary>
    public static async Task<SortedDictionary<string, string>> SnapshotAsync(string connectionString)
    {
        var rows = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await using var connection = Open(connectionString);
        foreach (var table in Tables)
        {
            foreach (IDictionary<string, object?> row in await connection.QueryAsync($"SELECT * FROM {table}"))
            {
                var text = string.Join("|", row.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={Render(c.Value)}"));
                rows[$"{table}:{row["id"]}"] = text;
            }
        }

        return rows;
    }

    /// <summary>Fails with the first differing rows when the two masters do not hold the same data.</summary>
    public static async Task AssertMastersIdenticalAsync(AppFactory app)
    {
        var primary = await SnapshotAsync(app.Primary);
        var secondary = await SnapshotAsync(app.Secondary);
        var differences = primary.Keys.Union(secondary.Keys)
            .Where(k => !primary.TryGetValue(k, out var p) || !secondary.TryGetValue(k, out var s) || p != s)
            .Take(5)
            .Select(k => $"{k}: P[{primary.GetValueOrDefault(k)}] S[{secondary.GetValueOrDefault(k)}]")
            .ToList();
        Assert.True(differences.Count == 0, "Masters differ:\n" + string.Join("\n", differences));
    }

    private static string Render(object? value) => value switch
    {
        null or DBNull => "NULL",
        bool b => b ? "1" : "0",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
