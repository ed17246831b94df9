using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Books;

/// <summary>Aladin is configured but cannot be reached: Open Library answers search and detail instead.</summary>
public sealed class BookProviderFallbackTests(AladinDownOpenLibraryUpAppFactory app) : IClassFixture<AladinDownOpenLibraryUpAppFactory>
{
    private readonly ApiClient _client = app.CreateApiClient();

    [Fact]
    public async Task Search_WithAladinDown_IsAnsweredByOpenLibrary_AndNotCached()
    {
        var before = app.Fake.CountPath("/ol/search.json");

        var first = await _client.GetAsync("/api/v1/books/search?query=orwell-fallback");
        var second = await _client.GetAsync("/api/v1/books/search?query=orwell-fallback");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(FakeBookResponses.OpenLibraryNumFound, first.Data.GetProperty("totalResults").GetInt32());
        Assert.Equal("9780451524935", first.Data.GetProperty("books")[0].GetProperty("isbn").GetString());
        Assert.Equal(first.Data.ToString(), second.Data.ToString());
        // Not cached: Aladin is asked again on the next search, so its answers return as soon as it is back.
        Assert.Equal(before + 2, app.Fake.CountPath("/ol/search.json"));
    }

    [Fact]
    public async Task BookDetail_WithAladinDown_IsAnsweredByOpenLibrary()
    {
        var result = await _client.GetAsync("/api/v1/books/9780451524935");

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal("Nineteen Eighty-Four", result.Data.GetProperty("title").GetString());
    }

    [Fact]
    public async Task BothProvidersFailing_AnswersAladinsError_503WithRetryAfter()
    {
        // The fake answers 503 to this query text, so the fallback fails too.
        var result = await _client.GetAsync("/api/v1/books/search?query=maintenance");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, result.Status);
        Assert.Equal("BOOK_PROVIDER_UNAVAILABLE", result.ErrorCode);
        Assert.True(result.Response.Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task ProviderHealth_StillReportsAladinDown_SoTheClientShowsSearchLimited()
    {
        var result = await _client.GetAsync("/api/v1/health/aladin");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, result.Status);
        Assert.Contains("ALADIN", result.Body.ToString(), StringComparison.Ordinal);
    }
}
