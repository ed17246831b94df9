using System.Net;
using ReadingTracker.Api.IntegrationTests.Books;

namespace ReadingTracker.Api.IntegrationTests.Input;

/// <summary>Found by the fuzz test: a NUL in the search text was passed to the provider and answered 502.</summary>
public sealed class BookSearchInputTests(AladinAppFactory app) : IClassFixture<AladinAppFactory>
{
    [Theory]
    [InlineData("%00")]
    [InlineData("a%0Ab")]
    [InlineData("%1B%5B31m")]
    public async Task BookSearch_QueryWithControlCharacter_Returns400WithField_AndAsksNoProvider(string query)
    {
        var before = app.Fake.CountPath("/aladin/ItemSearch.aspx");

        var result = await app.CreateApiClient().GetAsync($"/api/v1/books/search?query={query}");

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains("query", result.ErrorFields);
        Assert.Equal(before, app.Fake.CountPath("/aladin/ItemSearch.aspx"));
    }
}
