using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Idempotency;

/// <summary>Keys in the masters (the embedded default), on a clock the test can move.</summary>
public sealed class DatabaseKeysFactory : AppFactory
{
    public FakeTimeProvider Clock { get; } = new(TimeProvider.System.GetUtcNow());

    // An add with an ISBN asks the book provider (absent here), whose retry delay runs on this clock
    // and would wait for a step that never comes: one attempt, then the book is added as typed.
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["OpenLibrary:Retries"] = "0" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>Keys in the real Redis the test script started (RT_REDIS), with a short lifetime.</summary>
public sealed class RedisKeysFactory : AppFactory
{
    public static string Redis => Environment.GetEnvironmentVariable("RT_REDIS") is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException("RT_REDIS is not set: run the suite through scripts/test.sh (it starts Redis).");

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Redis"] = Redis,
        ["Idempotency:KeyLifetime"] = "00:00:02",
    };
}
