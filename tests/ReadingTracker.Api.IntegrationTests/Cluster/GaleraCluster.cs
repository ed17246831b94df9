using System.Diagnostics;
using Dapper;
using MySqlConnector;

namespace ReadingTracker.Api.IntegrationTests.Cluster;

/// <summary>
/// The 3-node MariaDB Galera cluster scripts/services.sh started (galera-start): RT_GALERA lists its nodes in one
/// connection string; the script kills a node and brings it back. A run without it fails: nothing skips silently.
/// </summary>
public static class GaleraCluster
{
    public static string Server => Environment.GetEnvironmentVariable("RT_GALERA") is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException("The cluster tests need RT_GALERA (scripts/services.sh galera-start, then env).");

    public static string[] Nodes => [.. new MySqlConnectionStringBuilder(Server).Server.Split(',')];

    public static async Task<string> CreateDatabaseAsync()
    {
        var name = "rt_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new MySqlConnection(Server);
        await connection.OpenAsync();
        await connection.ExecuteAsync($"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        return new MySqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;
    }

    /// <summary>A connection string that reaches node <paramref name="index"/> (0-based) only.</summary>
    public static string Node(string database, int index) =>
        new MySqlConnectionStringBuilder(database) { Server = Nodes[index], Pooling = false }.ConnectionString;

    /// <summary>g1, g2 or g3: SIGKILL (kill) or start again and wait until it is Synced (rejoin).</summary>
    public static async Task RunScriptAsync(string command, int index)
    {
        var script = Environment.GetEnvironmentVariable("RT_SERVICES_SCRIPT")
            ?? throw new InvalidOperationException("The cluster tests need RT_SERVICES_SCRIPT.");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, command, $"g{index + 1}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"services.sh {command} g{index + 1} failed: {await error}");
    }
}
