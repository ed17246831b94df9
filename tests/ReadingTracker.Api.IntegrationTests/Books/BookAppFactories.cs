using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Books;

/// <summary>The app with its book provider pointed at a <see cref="FakeBookServer"/> it owns.</summary>
public abstract class FakeProviderAppFactory : AppFactory
{
    public FakeBookServer Fake { get; } = new();

    public override async Task InitializeAsync()
    {
        await Fake.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Fake.DisposeAsync();
    }

    protected static Dictionary<string, string?> FastRetries(string section) => new()
    {
        [$"{section}:RetryDelayMilliseconds"] = "10",
    };
}

/// <summary>Aladin is the provider (a TTB key is set).</summary>
public sealed class AladinAppFactory : FakeProviderAppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(FastRetries("Aladin"))
    {
        ["Aladin:BaseUrl"] = Fake.AladinUrl,
        ["Aladin:TtbKey"] = FakeBookServer.TtbKey,
    };
}

/// <summary>Aladin with a one-second budget, for the timeout test.</summary>
public sealed class AladinOneSecondAppFactory : FakeProviderAppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(FastRetries("Aladin"))
    {
        ["Aladin:BaseUrl"] = Fake.AladinUrl,
        ["Aladin:TtbKey"] = FakeBookServer.TtbKey,
        ["Aladin:TimeoutSeconds"] = "1",
        ["Aladin:AttemptTimeoutSeconds"] = "1",
    };
}

/// <summary>No TTB key: Open Library is the provider.</summary>
public sealed class OpenLibraryAppFactory : FakeProviderAppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(FastRetries("OpenLibrary"))
    {
        ["Aladin:TtbKey"] = "",
        ["OpenLibrary:BaseUrl"] = Fake.OpenLibraryUrl,
    };
}

/// <summary>Aladin configured, but nothing listens where it should be (connection refused).</summary>
public sealed class AladinUnreachableAppFactory : AppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Aladin:BaseUrl"] = "http://127.0.0.1:9/ttb/api/",
        ["Aladin:TtbKey"] = FakeBookServer.TtbKey,
        ["Aladin:RetryDelayMilliseconds"] = "10",
    };
}

/// <summary>Aladin configured but unreachable; Open Library (the fake) answers in its place.</summary>
public sealed class AladinDownOpenLibraryUpAppFactory : FakeProviderAppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(FastRetries("Aladin"))
    {
        ["Aladin:BaseUrl"] = "http://127.0.0.1:9/ttb/api/",
        ["Aladin:TtbKey"] = FakeBookServer.TtbKey,
        ["OpenLibrary:BaseUrl"] = Fake.OpenLibraryUrl,
        ["OpenLibrary:RetryDelayMilliseconds"] = "10",
    };
}
