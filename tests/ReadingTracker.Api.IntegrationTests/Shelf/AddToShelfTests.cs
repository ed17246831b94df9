using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Shelf;

public sealed class AddToShelfTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task AddByHand_WithoutIsbn_CreatesEntryInToRead()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var result = await client.PostAsync("/api/v1/user/books", new { title = "손으로 쓴 책", author = "작가", totalPages = 200, category = "ToRead", expectation = "기대" });
        Assert.True(result.Ok, result.ToString());
        Assert.Equal("ToRead", result.Data.GetProperty("category").GetString());
        Assert.True(result.Data.GetProperty("userBookId").GetInt64() > 0);
    }

    [Fact]
    public async Task AddSameIsbnTwice_Returns409DuplicateBook()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = new { isbn = "978-89-0000-001-" + Random.Shared.Next(0, 9), title = "Book", author = "A", category = "ToRead" };
        Assert.True((await client.PostAsync("/api/v1/user/books", book)).Ok);
        var again = await client.PostAsync("/api/v1/user/books", book);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("DUPLICATE_BOOK", again.ErrorCode);
    }

    [Fact]
    public async Task AddReading_WithoutStartDate_Returns400NamingTheField()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var result = await client.PostAsync("/api/v1/user/books", new { title = "B", author = "A", category = "Reading", readingProgress = 10 });
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains("readingStartDate", result.ErrorFields);
    }

    [Fact]
    public async Task AddWithUnknownCategory_Returns400()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var result = await client.PostAsync("/api/v1/user/books", new { title = "B", author = "A", category = "Someday" });
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("VALIDATION_FAILED", result.ErrorCode);
        Assert.Contains("category", result.ErrorFields);
    }

    [Fact]
    public async Task AddWithoutToken_Returns401WithBearerChallenge()
    {
        var result = await app.CreateApiClient().PostAsync("/api/v1/user/books", new { title = "B", author = "A", category = "ToRead" });
        Assert.Equal(HttpStatusCode.Unauthorized, result.Status);
        Assert.Equal("Bearer", result.Response.Headers.WwwAuthenticate.ToString());
    }
}
