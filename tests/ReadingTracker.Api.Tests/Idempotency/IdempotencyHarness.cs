using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Idempotency;
using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Recovery;

namespace ReadingTracker.Api.Tests.Idempotency;

/// <summary>
/// <see cref="IdempotencyMiddleware"/> over the real database key store, on a SQLite file in a temporary folder
/// (one master, migrated), with the server's own registrations and a fake clock. Requests run through the
/// middleware and, for what it throws, the server's exception handler, as in the real pipeline.
/// </summary>
public sealed class IdempotencyHarness : IAsyncDisposable
{
    public const string Path = "/api/v1/memos";

    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rt-idempotency-" + Guid.NewGuid().ToString("N"));
    private readonly IHost _host;

    private IdempotencyHarness(Dictionary<string, string?> settings)
    {
        Directory.CreateDirectory(_directory);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _directory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = _directory,
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Primary"] = "Data Source=primary.db",
            ["ConnectionStrings:Secondary"] = "",
            ["ConnectionStrings:Redis"] = "",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddApiHttp();
        builder.AddPersistence();
        builder.AddRecovery();
        builder.AddIdempotency();
        builder.Services.AddSingleton<TimeProvider>(Time);
        _host = builder.Build();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));

    public FakeLogger<IdempotencyMiddleware> Logger { get; } = new();

    public IIdempotencyStore Store => _host.Services.GetRequiredService<IIdempotencyStore>();

    public IdempotencyOptions Options => _host.Services.GetRequiredService<IOptions<IdempotencyOptions>>().Value;

    public static async Task<IdempotencyHarness> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var harness = new IdempotencyHarness(settings ?? []);
        var services = harness._host.Services;
        await services.GetRequiredService<SchemaMigrator>().EnsureMigratedAsync(services.GetRequiredService<Masters>().Primary, CancellationToken.None);
        return harness;
    }

    /// <summary>The key's hash and the request's fingerprint, as the middleware computes them for <see cref="Request"/>.</summary>
    public static (string KeyHash, string Fingerprint) KeyOf(string key, string body, string user = "7") =>
        (IdempotencyKey.Hash("user:" + user, key), IdempotencyKey.Fingerprint("POST", Path, Encoding.UTF8.GetBytes(body)));

    public static DefaultHttpContext Request(string body, string? key = "key-1", string user = "7", string method = "POST", string path = Path)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        context.Request.ContentType = "application/json";
        if (key is not null)
        {
            context.Request.Headers["Idempotency-Key"] = key;
        }

        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", user)], "test"));
        context.SetEndpoint(new Endpoint(null, EndpointMetadataCollection.Empty, "test"));
        context.Response.Body = new MemoryStream();
        return context;
    }

    /// <summary>Runs one request; what the middleware throws is answered by the server's exception handler.</summary>
    public async Task<Answer> SendAsync(HttpContext context, RequestDelegate handler, IIdempotencyStore? store = null)
    {
        using var scope = _host.Services.CreateScope();
        context.RequestServices = scope.ServiceProvider;
        var middleware = new IdempotencyMiddleware(handler, store ?? Store, _host.Services.GetRequiredService<IOptions<IdempotencyOptions>>(), Logger);
        try
        {
            await middleware.InvokeAsync(context);
        }
        catch (Exception ex)
        {
            context.Response.Clear();
            context.Response.Body.SetLength(0);
            foreach (var exceptionHandler in scope.ServiceProvider.GetServices<IExceptionHandler>())
            {
                if (await exceptionHandler.TryHandleAsync(context, ex, CancellationToken.None))
                {
                    break;
                }
            }
        }

        return new Answer(context.Response.StatusCode, context.Response.ContentType, Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()), context.Response.Headers);
    }

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        SqliteConnection.ClearAllPools();
        await Task.Yield();
        Directory.Delete(_directory, recursive: true);
    }

    public sealed record Answer(int Status, string? ContentType, string Body, IHeaderDictionary Headers)
    {
        public bool Replayed => Headers["Idempotent-Replayed"] == "true";

        public string? ErrorCode => Status >= 400 && Body.Contains("\"code\"", StringComparison.Ordinal)
            ? System.Text.Json.JsonDocument.Parse(Body).RootElement.GetProperty("error").GetProperty("code").GetString()
            : null;
    }
}
