using Dapper;
using MySqlConnector;

namespace ReadingTracker.Api.IntegrationTests.Faults.Infrastructure;

/// <summary>Direct SQL on one master of the fault pair (the fault suite is MariaDB whatever RT_TEST_PROVIDER says).</summary>
public static class FaultSql
{
    public static async Task<long> CountAsync(string connectionString, string sql, object? args = null)
    {
        await using var connection = new MySqlConnection(connectionString);
        return await connection.ExecuteScalarAsync<long>(sql, args);
    }

    public static async Task<T?> ScalarAsync<T>(string connectionString, string sql, object? args = null)
    {
        await using var connection = new MySqlConnection(connectionString);
        return await connection.ExecuteScalarAsync<T>(sql, args);
    }

    public static async Task ExecuteAsync(string connectionString, string sql, object? args = null)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.ExecuteAsync(sql, args);
    }
}
