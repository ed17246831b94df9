using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Books;

public sealed class AladinHealthTests(AladinAppFactory app) : IClassFixture<AladinAppFactory>
{
    [Fact]
    public async Task HealthAladin_IsPublic_EvenWithAnInvalidToken_AndReportsAladinReachable()
    {
        var client = app.CreateApiClient();
        client.UseToken("not-a-jwt");

        var result = await client.GetAsync("/api/v1/health/aladin");

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal("ALADIN", result.Body.GetProperty("provider").GetString());
        Assert.True(result.Body.GetProperty("reachable").GetBoolean());
        Assert.True(result.Body.GetProperty("latencyMs").GetInt64() >= 0);
    }

    [Fact]
    public async Task HealthAladin_PolledRepeatedly_ProbesAladinOnlyOnceWithinTheCacheWindow()
    {
        var client = app.CreateApiClient();
        await client.GetAsync("/api/v1/health/aladin");
        var probes = app.Fake.Count("/aladin/ItemSearch.aspx", "Query", "test");

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/health/aladin")).Status);
        }

        Assert.Equal(probes, app.Fake.Count("/aladin/ItemSearch.aspx", "Query", "test"));
        Assert.Equal(1, probes);
    }
}

/// <summary>Aladin configured but unreachable: every book call is 503 with Retry-After, health says so.</summary>
public sealed class AladinUnreachableTests(AladinUnreachableAppFactory app) : IClassFixture<AladinUnreachableAppFactory>
{
    private readonly ApiClient _client = app.CreateApiClient();

    [Fact]
    public async Task HealthAladin_WhenAladinIsUnreachable_Returns503_ReachableFalse()
    {
        var result = await _client.GetAsync("/api/v1/health/aladin");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, result.Status);
        Assert.Equal("ALADIN", result.Body.GetProperty("provider").GetString());
        Assert.False(result.Body.GetProperty("reachable").GetBoolean());
        Assert.Equal("BOOK_PROVIDER_UNAVAILABLE", result.Body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task SearchAndDetail_WhenAladinIsUnreachable_Return503WithRetryAfter_Not500()
    {
        var search = await _client.GetAsync("/api/v1/books/search?query=anything");
        var detail = await _client.GetAsync("/api/v1/books/9788936434595");

        foreach (var result in new[] { search, detail })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, result.Status);
            Assert.Equal("BOOK_PROVIDER_UNAVAILABLE", result.ErrorCode);
            Assert.NotNull(result.Response.Headers.RetryAfter);
        }
    }
}

/// <summary>The default test configuration: no TTB key and no Open Library listening.</summary>
public sealed class OpenLibraryUnreachableTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task HealthAladin_WithoutTtbKey_ReportsOpenLibrary_AndItsOutage()
    {
        var result = await app.CreateApiClient().GetAsync("/api/v1/health/aladin");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, result.Status);
        Assert.Equal("OPEN_LIBRARY", result.Body.GetProperty("provider").GetString());
        Assert.False(result.Body.GetProperty("reachable").GetBoolean());
    }
}

public sealed class AladinTimeoutTests(AladinOneSecondAppFactory app) : IClassFixture<AladinOneSecondAppFactory>
{
    [Fact]
    public async Task Search_WhenAladinIsSlow_Returns503WithinTheConfiguredBudget()
    {
        var client = app.CreateApiClient();
        await client.GetAsync("/api/v1/books/search?query=warm-up");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = await client.GetAsync("/api/v1/books/search?query=slow");

        // The fake answers after 15 s; the one-second total budget must cut it off long before.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, result.Status);
        Assert.Equal("BOOK_PROVIDER_UNAVAILABLE", result.ErrorCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }
}
