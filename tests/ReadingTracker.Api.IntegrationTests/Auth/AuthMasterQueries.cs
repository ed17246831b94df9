using System.Data.Common;
using System.Text.Json;
using Dapper;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Auth;

/// <summary>Reads both masters directly, to prove what a request wrote (or did not write) on each.</summary>
public static class AuthMasterQueries
{
    public static async Task<(T? Primary, T? Secondary)> ScalarOnBothAsync<T>(this AppFactory app, string sql, object? args = null) =>
        (await ScalarAsync<T>(app.Primary, sql, args), await ScalarAsync<T>(app.Secondary, sql, args));

    /// <summary>Rows as canonical JSON text, so two reads (or two masters) compare with Assert.Equal.</summary>
    public static async Task<(string Primary, string Secondary)> RowsOnBothAsync(this AppFactory app, string sql, object? args = null) =>
        (await RowsAsync(app.Primary, sql, args), await RowsAsync(app.Secondary, sql, args));

    /// <summary>Test set-up only: puts both masters in a state no endpoint can reach (e.g. a deleted account).</summary>
    public static async Task ExecuteOnBothAsync(this AppFactory app, string sql, object? args = null)
    {
        foreach (var master in new[] { app.Primary, app.Secondary })
        {
            await using var connection = await OpenAsync(master);
            await connection.ExecuteAsync(sql, args);
        }
    }

    private static async Task<T?> ScalarAsync<T>(string connectionString, string sql, object? args)
    {
        await using var connection = await OpenAsync(connectionString);
        return await connection.ExecuteScalarAsync<T>(sql, args);
    }

    private static async Task<string> RowsAsync(string connectionString, string sql, object? args)
    {
        await using var connection = await OpenAsync(connectionString);
        var rows = await connection.QueryAsync(sql, args);
        var canonical = rows
            .Cast<IDictionary<string, object?>>()
            .Select(row => row.OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => c.Value?.ToString()))
            .ToList();
        return JsonSerializer.Serialize(canonical);
    }

    private static async Task<DbConnection> OpenAsync(string connectionString)
    {
        var connection = MasterSql.Connect(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
