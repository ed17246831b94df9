using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MySqlConnector;

namespace ReadingTracker.Benchmarks;

/// <summary>A MariaDB pair and Redis of the benchmark's own (own state folder, own ports), through scripts/services.sh.</summary>
public sealed class Services(string repository) : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rt-bench-").FullName;

    public int Db1Port { get; } = FreePort();

    public int Db2Port { get; } = FreePort();

    public int RedisPort { get; } = FreePort();

    public string Redis => $"127.0.0.1:{RedisPort},abortConnect=false,connectTimeout=2000";

    /// <summary>The Galera nodes' SQL port (on 127.0.0.11-13) and first group port: RT_GALERA_PORT / RT_GALERA_GROUP_PORT, else services.sh's defaults.</summary>
    public string GaleraPort { get; } = System.Environment.GetEnvironmentVariable("RT_GALERA_PORT") ?? "3410";

    public string GaleraGroupPort { get; } = System.Environment.GetEnvironmentVariable("RT_GALERA_GROUP_PORT") ?? "4577";

    /// <summary>A database on the 3-node Galera cluster (services.sh galera-start), by a string that lists every node.</summary>
    public async Task<string> CreateClusterDatabaseAsync(string name)
    {
        var root = $"Server=127.0.0.11,127.0.0.12,127.0.0.13;Port={GaleraPort};User ID=root;Load Balance=FailOver;Connection Timeout=3";
        await using var connection = new MySqlConnection(root);
        await connection.OpenAsync();
        await using var command = new MySqlCommand($"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", connection);
        await command.ExecuteNonQueryAsync();
        return root + $";Database={name}";
    }

    public Task StartAllAsync() => RunAsync("start");

    public Task RunAsync(string verb, string? server = null) => Shell.RunAsync("bash", [Path.Combine(repository, "scripts", "services.sh"), verb, .. server is null ? Array.Empty<string>() : [server]], Environment());

    public int PidOf(string server) => int.Parse(File.ReadAllText(Path.Combine(_directory, $"run-{server}", "pid")).Trim(), CultureInfo.InvariantCulture);

    public async Task<string> CreateDatabaseAsync(string server, string name)
    {
        var root = $"Server=127.0.0.1;Port={(server == "db1" ? Db1Port : Db2Port)};User ID=root;Connection Timeout=3";
        await using var connection = new MySqlConnection(root);
        await connection.OpenAsync();
        await using var command = new MySqlCommand($"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", connection);
        await command.ExecuteNonQueryAsync();
        return root + $";Database={name}";
    }

    public async ValueTask DisposeAsync()
    {
        await RunAsync("stop");
        Directory.Delete(_directory, recursive: true);
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["RT_SERVICES_DIR"] = _directory,
        ["RT_DB1_PORT"] = Db1Port.ToString(CultureInfo.InvariantCulture),
        ["RT_DB2_PORT"] = Db2Port.ToString(CultureInfo.InvariantCulture),
        ["RT_REDIS_PORT"] = RedisPort.ToString(CultureInfo.InvariantCulture),
        ["RT_GALERA_PORT"] = GaleraPort,
        ["RT_GALERA_GROUP_PORT"] = GaleraGroupPort,
    };
}

/// <summary>The built server (ReadingTracker.Api.dll next to this program) as its own process on a real port.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output;

    private ServerProcess(Process process, string url, System.Collections.Concurrent.ConcurrentQueue<string> output)
    {
        _process = process;
        Url = url;
        _output = output;
    }

    /// <summary>The server's last lines of output (its errors: the benchmark runs it at log level Error).</summary>
    public string OutputTail => string.Join('\n', _output);

    public string Url { get; }

    public int Pid => _process.Id;

    /// <param name="serverDirectory">Another build of the server (a baseline to compare with); this program's own by default.</param>
    public static async Task<ServerProcess> StartAsync(
        string primary, string? secondary, string? redis, string? serverDirectory = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var url = $"http://127.0.0.1:{Services.FreePort()}";
        var directory = serverDirectory ?? AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(directory, "ReadingTracker.Api.dll"), "--urls", url])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        var data = Directory.CreateTempSubdirectory("rt-bench-data-").FullName;
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = "MySql",
            ["ConnectionStrings__Primary"] = primary,
            ["ConnectionStrings__Secondary"] = secondary ?? "",
            ["ConnectionStrings__Redis"] = redis ?? "",
            ["Storage__DataDirectory"] = data,
            ["Database__Topology"] = settings?.GetValueOrDefault("Database__Topology") ?? "DualMaster",
            ["Jwt__Secret"] = "benchmark-secret-of-at-least-32-bytes-long!",
            ["Auth__PasswordHashIterations"] = "1000",
            ["Auth__LoginPermitsPerMinute"] = "100000",
            ["Auth__SignupPermitsPerMinute"] = "100000",
            ["Auth__DuplicateCheckPermitsPerMinute"] = "100000",
            // One user writes thousands of memos a minute here: the per-user write quota is not what is measured.
            ["Quota__WriteRowsPerMinute"] = "100000000",
            ["Logging__LogLevel__Default"] = "Error",
            ["Recovery__IntervalSeconds"] = "3600",
        })
        {
            start.Environment[key] = value;
        }

        // Any other setting a scenario asks for (the memo search runs one on SQLite) wins over the defaults above.
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, line) => Keep(output, line.Data);
        process.ErrorDataReceived += (_, line) => Keep(output, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 600; i++)
        {
            try
            {
                if ((await http.GetAsync(url + "/api/v1/health/live")).IsSuccessStatusCode)
                {
                    return new ServerProcess(process, url, output);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too slow to answer on a busy machine.
            }

            await Task.Delay(100);
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("The server did not start.");
    }

    // The last 200 lines only: a long run must not grow without bound.
    private static void Keep(System.Collections.Concurrent.ConcurrentQueue<string> output, string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 200)
        {
            output.TryDequeue(out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}

public static class Shell
{
    public static async Task RunAsync(string file, string[] args, IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {await output}{await error}");
        }
    }
}
