using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace ReadingTracker.Api.IntegrationTests.Infrastructure;

/// <summary>
/// The real server over HTTP (in-memory TestServer) on a fresh master pair of the configured provider
/// and its own data directory. One per test class; tests create their own users, so none depends on
/// another's rows.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private string _directory = Directory.CreateTempSubdirectory("rt-test-").FullName;
    private bool _keepDirectory;

    public string Primary { get; private set; } = "";

    public string Secondary { get; private set; } = "";

    /// <summary>Extra configuration a test class needs (fake book provider URLs and the like).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync() => (Primary, Secondary) = await TestDatabases.CreatePairAsync(_directory);

    public new virtual async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_keepDirectory)
        {
            return;
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold a file for a moment; the temp folder is cleaned by the OS.
        }
    }

    public ApiClient CreateApiClient() => new(CreateClient());

    public string DataDirectoryPath => _directory;

    /// <summary>Run on masters and a data folder another factory created (a restart of the same deployment).</summary>
    public void UseMasters(string primary, string secondary, string dataDirectory)
    {
        (Primary, Secondary) = (primary, secondary);
        _directory = dataDirectory;
        _keepDirectory = true;
    }

    /// <summary>Stop the server but keep its masters and data folder for a successor.</summary>
    public async Task DisposeServerOnlyAsync()
    {
        _keepDirectory = true;
        await base.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = TestDatabases.IsMySql ? "MySql" : "Sqlite",
            ["ConnectionStrings:Primary"] = Primary,
            ["ConnectionStrings:Secondary"] = Secondary,
            ["ConnectionStrings:Redis"] = "",
            ["Storage:DataDirectory"] = _directory,
            ["Jwt:Secret"] = "integration-tests-secret-of-at-least-32-bytes!",
            // Fast hashes keep the suite quick; the production default is in AuthOptions.
            ["Auth:PasswordHashIterations"] = "1000",
            ["Auth:LoginPermitsPerMinute"] = "1000",
            ["Auth:SignupPermitsPerMinute"] = "1000",
            ["Auth:DuplicateCheckPermitsPerMinute"] = "1000",
            ["Aladin:TtbKey"] = "",
            ["OpenLibrary:BaseUrl"] = "http://127.0.0.1:9/",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        // Host settings are what Program.cs sees while it registers services (the choice of Redis for keys and the
        // recovery journal is made there); app configuration added here arrives only after that.
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
    }
}
