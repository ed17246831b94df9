using MySqlConnector;

namespace ReadingTracker.Api.IntegrationTests.Infrastructure;

/// <summary>
/// Which master pair the integration tier runs against: RT_TEST_PROVIDER=Sqlite (default) or MySql.
/// For MySql, RT_MYSQL_PRIMARY and RT_MYSQL_SECONDARY are root connection strings of the two MariaDB
/// servers the test script started; every fixture gets a fresh database on each. A configured
/// provider that cannot be reached fails the test: nothing skips silently.
/// </summary>
public static class TestDatabases
{
    public static string Provider => Environment.GetEnvironmentVariable("RT_TEST_PROVIDER") is { Length: > 0 } p ? p : "Sqlite";

    public static bool IsMySql => string.Equals(Provider, "MySql", StringComparison.OrdinalIgnoreCase);

    public static async Task<(string Primary, string Secondary)> CreatePairAsync(string directory)
    {
        if (!IsMySql)
        {
            return ($"Data Source={Path.Combine(directory, "primary.db")}", $"Data Source={Path.Combine(directory, "secondary.db")}");
        }

        var name = "rt_" + Guid.NewGuid().ToString("N")[..16];
        return (await CreateDatabaseAsync(Server("RT_MYSQL_PRIMARY"), name), await CreateDatabaseAsync(Server("RT_MYSQL_SECONDARY"), name));
    }

    private static string Server(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"RT_TEST_PROVIDER=MySql needs {variable} (started by scripts/test.sh).");

    private static async Task<string> CreateDatabaseAsync(string server, string database)
    {
        await using (var connection = new MySqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new MySqlCommand($"CREATE DATABASE `{database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new MySqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
    }
}
