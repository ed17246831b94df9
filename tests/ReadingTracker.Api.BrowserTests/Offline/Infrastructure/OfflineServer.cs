using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using ReadingTracker.Api.BrowserTests.Infrastructure;
using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.BrowserTests.Offline.Infrastructure;

/// <summary>
/// The real server for the offline tests, one per test class, behind a <see cref="SwitchableProxy"/> the
/// browser talks to (stop it = the server is gone for the browser), with the book provider behind a second
/// one (stop it = "search limited"). Masters: a fresh SQLite pair, or with RT_TEST_PROVIDER=MySql a fresh
/// database on each MariaDB server (RT_MYSQL_PRIMARY / RT_MYSQL_SECONDARY), so the numbers can be taken
/// on the MariaDB pair.
/// </summary>
#pragma warning disable CA1001 // Disposed in DisposeAsync, xunit's lifetime for fixtures.
public sealed class OfflineServer : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly FakeBookServer _books = new(localCovers: true);
    private readonly string _directory = Directory.CreateTempSubdirectory("rt-offline-").FullName;
    private Factory? _app;

    public SwitchableProxy Front { get; private set; } = null!;

    public SwitchableProxy BookProvider { get; private set; } = null!;

    /// <summary>The server itself, not through the proxy: for seeding and checks that must not depend on it.</summary>
    public string DirectUrl { get; private set; } = "";

    /// <summary>What the browser opens.</summary>
    public string Url => Front.Url;

    public string Primary { get; private set; } = "";

    public string Secondary { get; private set; } = "";

    /// <summary>
    /// Set it to simulate a release of the client: the server then serves sw.js with this text appended to
    /// its SHELL_VERSION, as a deploy of changed client files would change it.
    /// </summary>
    public string? ShellRelease { get; set; }

    public static bool IsMySql => string.Equals(Environment.GetEnvironmentVariable("RT_TEST_PROVIDER"), "MySql", StringComparison.OrdinalIgnoreCase);

    public async Task InitializeAsync()
    {
        await _books.StartAsync();
        BookProvider = new SwitchableProxy(new Uri(_books.AladinUrl));
        (Primary, Secondary) = await CreatePairAsync();
        _app = new Factory(this, BookProvider.Url + new Uri(_books.AladinUrl).AbsolutePath);
        DirectUrl = _app.Start();
        Front = new SwitchableProxy(new Uri(DirectUrl));
    }

    public async Task DisposeAsync()
    {
        Front?.Dispose();
        BookProvider?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await _books.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold a file a moment longer; the OS cleans temp folders.
        }
    }

    /// <summary>
    /// Starts the book provider again and waits until the server says so: it remembers a provider's health
    /// for a few seconds, and the next test must not start with "search limited" left over from this one.
    /// </summary>
    public async Task RestoreBookProviderAsync()
    {
        BookProvider.Start();
        using var http = new HttpClient { BaseAddress = new Uri(DirectUrl) };
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (true)
        {
            // 200 when the provider answers, 503 while it is (remembered as) down.
            using var health = await http.GetAsync(new Uri("/api/v1/health/aladin", UriKind.Relative));
            if (health.IsSuccessStatusCode)
            {
                return;
            }

            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"the book provider is still reported down: {await health.Content.ReadAsStringAsync()}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>The same read on Primary and on Secondary: fails unless both masters answer alike, and returns the answer.</summary>
    public async Task<T> OnBothAsync<T>(Func<DbConnection, Task<T>> read)
    {
        async Task<T> On(string master)
        {
            await using var connection = Open(master);
            return await read(connection);
        }

        var primary = await On(Primary);
        Xunit.Assert.Equal(primary, await On(Secondary));
        return primary;
    }

    public static DbConnection Open(string connectionString)
    {
        DbConnection connection = IsMySql ? new MySqlConnection(connectionString) : new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>(live memos, distinct clientIds) of a user on Primary, or on Secondary.</summary>
    public async Task<(long Memos, long ClientIds)> MemosOfUserAsync(long userId, bool onSecondary = false)
    {
        await using var connection = Open(onSecondary ? Secondary : Primary);
        var row = await connection.QuerySingleAsync<(long, long)>(
            "SELECT COUNT(*), COUNT(DISTINCT client_id) FROM memo WHERE user_id = @userId AND deleted_at IS NULL", new { userId });
        return row;
    }

    public async Task ExecuteOnSecondaryAsync(string sql)
    {
        await using var connection = Open(Secondary);
        await connection.ExecuteAsync(sql);
    }

    private async Task<(string, string)> CreatePairAsync()
    {
        if (!IsMySql)
        {
            return ($"Data Source={Path.Combine(_directory, "primary.db")}", $"Data Source={Path.Combine(_directory, "secondary.db")}");
        }

        var name = "rt_off_" + Guid.NewGuid().ToString("N")[..12];
        return (await CreateDatabaseAsync("RT_MYSQL_PRIMARY", name), await CreateDatabaseAsync("RT_MYSQL_SECONDARY", name));
    }

    private static async Task<string> CreateDatabaseAsync(string variable, string database)
    {
        var server = Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"RT_TEST_PROVIDER=MySql needs {variable} (started by scripts/test.sh).");
        await using (var connection = new MySqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new MySqlCommand($"CREATE DATABASE `{database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new MySqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
    }

    private sealed class Factory(OfflineServer server, string aladinUrl) : WebApplicationFactory<Program>
    {
        public string Start()
        {
            UseKestrel(0);
            StartServer();
            var addresses = (Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>() ?? throw new InvalidOperationException("Kestrel has no address.")).Addresses;
            return addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ReleaseFilter(server)));
            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = IsMySql ? "MySql" : "Sqlite",
                ["ConnectionStrings:Primary"] = server.Primary,
                ["ConnectionStrings:Secondary"] = server.Secondary,
                ["ConnectionStrings:Redis"] = "",
                ["Storage:DataDirectory"] = server._directory,
                ["Jwt:Secret"] = "offline-browser-tests-secret-of-32-bytes!!",
                ["Auth:PasswordHashIterations"] = "1000",
                ["Auth:LoginPermitsPerMinute"] = "10000",
                ["Auth:SignupPermitsPerMinute"] = "10000",
                ["Auth:DuplicateCheckPermitsPerMinute"] = "10000",
                ["Aladin:BaseUrl"] = aladinUrl,
                ["Aladin:TtbKey"] = FakeBookServer.TtbKey,
                ["Aladin:CoversBaseUrl"] = server._books.CoversUrl,
                ["Aladin:RetryDelayMilliseconds"] = "10",
                ["OpenLibrary:BaseUrl"] = "http://127.0.0.1:9/",
            }));
        }
    }

    /// <summary>Serves the bumped sw.js while <see cref="ShellRelease"/> is set; every other file as it is.</summary>
    private sealed class ReleaseFilter(OfflineServer server) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (server.ShellRelease is not { } release || context.Request.Path != "/sw.js")
                {
                    await nextMiddleware(context);
                    return;
                }

                var served = ServiceWorkerScript.Render(context.RequestServices.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider);
                var text = Regex.Replace(served, "SHELL_VERSION = '([^']+)'", m => $"SHELL_VERSION = '{m.Groups[1].Value}{release}'");
                context.Response.ContentType = "text/javascript";
                context.Response.Headers.CacheControl = "no-cache";
                await context.Response.WriteAsync(text);
            });
            next(app);
        };
    }
}
