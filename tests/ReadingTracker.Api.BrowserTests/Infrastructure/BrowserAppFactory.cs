using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ReadingTracker.Api.BrowserTests.Infrastructure;

/// <summary>
/// The real server on a real loopback port (Kestrel, not the in-memory TestServer) so a real browser
/// can reach it: a fresh SQLite master pair in a temp folder, and book search and its covers pointed at a local fake.
/// </summary>
public sealed class BrowserAppFactory(string bookProviderUrl, string coversUrl) : WebApplicationFactory<Program>
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rt-browser-").FullName;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Recovery mails land here as .eml files.</summary>
    public string MailDirectory => Path.Combine(_directory, "mail");

    public void Start()
    {
        UseKestrel(0);
        StartServer();
        var addresses = (Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>() ?? throw new InvalidOperationException("Kestrel has no address.")).Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Primary"] = $"Data Source={Path.Combine(_directory, "primary.db")}",
            ["ConnectionStrings:Secondary"] = $"Data Source={Path.Combine(_directory, "secondary.db")}",
            ["ConnectionStrings:Redis"] = "",
            ["Storage:DataDirectory"] = _directory,
            ["Jwt:Secret"] = "browser-tests-secret-of-at-least-32-bytes!!",
            ["Auth:PasswordHashIterations"] = "1000",
            ["Auth:LoginPermitsPerMinute"] = "10000",
            ["Auth:SignupPermitsPerMinute"] = "10000",
            ["Auth:DuplicateCheckPermitsPerMinute"] = "10000",
            ["Aladin:BaseUrl"] = bookProviderUrl,
            ["Aladin:TtbKey"] = FakeBookServer.TtbKey,
            ["Aladin:CoversBaseUrl"] = coversUrl,
            ["Aladin:RetryDelayMilliseconds"] = "10",
            ["OpenLibrary:BaseUrl"] = "http://127.0.0.1:9/",
            ["Email:PickupDirectory"] = "mail",
        }));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold a file a moment longer; the OS cleans temp folders.
        }
    }
}
