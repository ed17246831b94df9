using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using ReadingTracker.Api.Consistency;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Recovery;

namespace ReadingTracker.Api.IntegrationTests.Faults.Infrastructure;

/// <summary>How a fault test wants its server wired to the pair.</summary>
public sealed record FaultAppOptions
{
    /// <summary>Primary is reached through a proxy the test controls (<see cref="FaultApp.PrimaryProxy"/>).</summary>
    public bool ProxyPrimary { get; init; }

    public bool ProxySecondary { get; init; }

    public IDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
}

/// <summary>
/// The real server on fresh databases of the fault suite's own MariaDB pair. The recovery worker's
/// interval is an hour, so the test drives <see cref="RecoveryPass.RunOnceAsync"/> itself; CRITICAL
/// alerts are POSTed to a local webhook and every named log event is captured.
/// </summary>
public sealed class FaultApp : AppFactory
{
    private readonly FaultAppOptions _options;
    private readonly string _database;
    private readonly bool _owner;

    private FaultApp(MariaDbPair pair, FaultAppOptions options, string database, bool owner)
    {
        Pair = pair;
        _options = options;
        _database = database;
        _owner = owner;
        PrimaryProxy = options.ProxyPrimary ? new TcpProxy(pair.PrimaryPort) : null;
        SecondaryProxy = options.ProxySecondary ? new TcpProxy(pair.SecondaryPort) : null;
    }

    public MariaDbPair Pair { get; }

    public TcpProxy? PrimaryProxy { get; }

    public TcpProxy? SecondaryProxy { get; }

    public LogCapture Logs { get; } = new();

    public WebhookCapture Webhook { get; } = new();

    public string AdminLoginId { get; } = "adm" + Guid.NewGuid().ToString("N")[..12];

    public static async Task<FaultApp> StartAsync(MariaDbPair pair, FaultAppOptions? options = null)
    {
        var database = "rt_f_" + Guid.NewGuid().ToString("N")[..16];
        foreach (var server in new[] { MariaDbPair.PrimaryServer, MariaDbPair.SecondaryServer })
        {
            await using var connection = new MySqlConnection(pair.RootConnectionString(server));
            await connection.OpenAsync();
            await using var command = new MySqlCommand($"CREATE DATABASE `{database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", connection);
            await command.ExecuteNonQueryAsync();
        }

        var app = new FaultApp(pair, options ?? new FaultAppOptions(), database, owner: true);
        app.UseMasters(pair.RootConnectionString(MariaDbPair.PrimaryServer, database), pair.RootConnectionString(MariaDbPair.SecondaryServer, database), app.DataDirectoryPath);
        _ = app.Services; // start the server (migrations run now)
        return app;
    }

    /// <summary>A new server process on the same masters and data folder (a restart of the deployment).</summary>
    public FaultApp Successor(FaultAppOptions? options = null)
    {
        var next = new FaultApp(Pair, options ?? _options, _database, owner: false);
        next.UseMasters(Primary, Secondary, DataDirectoryPath);
        _ = next.Services;
        return next;
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Both masters identical, as the server's own consistency check sees them.</summary>
    public async Task AssertConsistentAsync()
    {
        var report = await Get<ConsistencyChecker>().CheckAsync(CancellationToken.None);
        Assert.True(report.Consistent, "Masters differ:\n" + string.Join("\n", report.Differences.Take(10).Select(d => $"{d.Table}#{d.Id} {d.Kind}")));
    }

    /// <summary>Runs recovery passes until no event is open (each pass is one attempt per event).</summary>
    public async Task<int> DrainRecoveryAsync(int maxPasses = 5)
    {
        var completed = 0;
        for (var i = 0; i < maxPasses && (await Get<IRecoveryJournal>().ListAsync(CancellationToken.None)).Any(e => e.State == RecoveryState.Open); i++)
        {
            completed += (await Get<RecoveryPass>().RunOnceAsync(CancellationToken.None)).Completed;
        }

        return completed;
    }

    public async Task<ApiClient> AdminClientAsync()
    {
        var client = CreateApiClient();
        var signup = await client.PostAsync("/api/v1/auth/signup", new { loginId = AdminLoginId, email = $"{AdminLoginId}@example.com", name = "Admin", password = ApiClient.Password });
        Assert.True(signup.Ok || signup.ErrorCode is not null, signup.ToString());
        var login = await client.LoginAsync(AdminLoginId, ApiClient.Password);
        Assert.True(login.Ok, login.ToString());
        return client;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (PrimaryProxy is not null)
        {
            await PrimaryProxy.DisposeAsync();
        }

        if (SecondaryProxy is not null)
        {
            await SecondaryProxy.DisposeAsync();
        }

        Webhook.Dispose();
        if (_owner)
        {
            await Pair.HealAsync();
            foreach (var server in new[] { MariaDbPair.PrimaryServer, MariaDbPair.SecondaryServer })
            {
                await using var connection = new MySqlConnection(Pair.RootConnectionString(server));
                await connection.OpenAsync();
                await using var command = new MySqlCommand($"DROP DATABASE IF EXISTS `{_database}`", connection);
                await command.ExecuteNonQueryAsync();
            }

            TryDelete(DataDirectoryPath);
        }
    }

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["Database:Provider"] = "MySql",
                ["ConnectionStrings:Primary"] = AppFacing(MariaDbPair.PrimaryServer, PrimaryProxy),
                ["ConnectionStrings:Secondary"] = AppFacing(MariaDbPair.SecondaryServer, SecondaryProxy),
                ["Recovery:IntervalSeconds"] = "3600",
                // The outbox a compensation leaves is replayed only when a test asks: the worker would repair
                // the divergence these tests set up to observe.
                ["Recovery:OutboxGraceSeconds"] = "3600",
                ["Alerts:WebhookUrl"] = Webhook.Url,
                ["Admin:LoginIds:0"] = AdminLoginId,
            };
            foreach (var (key, value) in _options.Settings)
            {
                settings[key] = value;
            }

            return settings;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    private string AppFacing(string server, TcpProxy? proxy) =>
        new MySqlConnectionStringBuilder(Pair.RootConnectionString(server, _database)) { Port = (uint)(proxy?.Port ?? Pair.PortOf(server)) }.ConnectionString;

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans temp folders.
        }
    }
}
