using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MySqlConnector;

namespace ReadingTracker.Api.IntegrationTests.Faults.Infrastructure;

/// <summary>
/// A MariaDB pair that belongs to the fault suite alone (its own state folder and free ports), started
/// with scripts/services.sh, so that killing or pausing a server never disturbs another test class.
/// db1 is Primary, db2 is Secondary. mariadbd missing → the suite fails (it is the point), never skips.
/// </summary>
public sealed class MariaDbPair : IAsyncLifetime
{
    public const string PrimaryServer = "db1";
    public const string SecondaryServer = "db2";

    private readonly string _directory = Directory.CreateTempSubdirectory("rt-faults-").FullName;

    public int PrimaryPort { get; } = FreePort();

    public int SecondaryPort { get; } = FreePort();

    public static string Script => Path.Combine(RepositoryRoot(), "scripts", "services.sh");

    public async Task InitializeAsync()
    {
        if (!File.Exists("/usr/sbin/mariadbd"))
        {
            throw new InvalidOperationException("The fault suite needs MariaDB: run scripts/services.sh install.");
        }

        // One after the other: two mariadb-install-db runs at once sometimes fail.
        await RunAsync("start-db", PrimaryServer);
        await RunAsync("start-db", SecondaryServer);
    }

    public async Task DisposeAsync()
    {
        await Task.WhenAll(RunAsync("stop-db", PrimaryServer), RunAsync("stop-db", SecondaryServer));
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean; the servers are stopped.
        }
    }

    public int PortOf(string server) => server == PrimaryServer ? PrimaryPort : SecondaryPort;

    public string RootConnectionString(string server, string? database = null) =>
        new MySqlConnectionStringBuilder($"Server=127.0.0.1;Port={PortOf(server)};User ID=root;Connection Timeout=3")
        {
            Database = database ?? "",
        }.ConnectionString;

    public Task KillAsync(string server) => RunAsync("kill-db", server);

    public Task StopAsync(string server) => RunAsync("stop-db", server);

    public Task PauseAsync(string server) => RunAsync("pause-db", server);

    public Task ResumeAsync(string server) => RunAsync("resume-db", server);

    public Task StartAsync(string server) => RunAsync("start-db", server);

    /// <summary>The pid of a running server, to signal it directly when the moment must be measured precisely.</summary>
    public int PidOf(string server) => int.Parse(File.ReadAllText(Path.Combine(_directory, $"run-{server}", "pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>After a test: both servers running and answering, whatever the test did to them.</summary>
    public async Task HealAsync()
    {
        foreach (var server in new[] { PrimaryServer, SecondaryServer })
        {
            if (File.Exists(Path.Combine(_directory, $"run-{server}", "pid")))
            {
                await RunAsync("resume-db", server);
            }

            await RunAsync("start-db", server);
        }
    }

    public async Task RunAsync(string verb, string server)
    {
        var start = new ProcessStartInfo("bash", [Script, verb, server])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["RT_SERVICES_DIR"] = _directory;
        start.Environment["RT_DB1_PORT"] = PrimaryPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["RT_DB2_PORT"] = SecondaryPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            var logs = string.Join("\n", new[] { "install.log", "err.log" }
                .Select(f => Path.Combine(_directory, $"run-{server}", f)).Where(File.Exists).Select(f => f + ":\n" + string.Join("\n", File.ReadLines(f).TakeLast(15))));
            throw new InvalidOperationException($"services.sh {verb} {server} failed ({process.ExitCode}): {await stdout}{await stderr}\n{logs}");
        }
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ReadingTracker.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root (ReadingTracker.slnx) not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Every fault test runs alone, on the one pair of this collection.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultsCollection : ICollectionFixture<MariaDbPair>
{
    public const string Name = "Faults";
}
