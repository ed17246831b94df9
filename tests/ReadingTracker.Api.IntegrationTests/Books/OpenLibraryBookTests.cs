using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Books;

/// <summary>No TTB key configured: search and detail come from Open Library.</summary>
public sealed class OpenLibraryBookTests(OpenLibraryAppFactory app) : IClassFixture<OpenLibraryAppFactory>
{
    private readonly ApiClient _client = app.CreateApiClient();

    [Fact]
    public async Task Search_MapsOpenLibraryDocs_AndReportsNumFoundAsTotal()
    {
        var result = await _client.GetAsync("/api/v1/books/search?query=orwell&start=2&maxResults=3");

        Assert.Equal(HttpStatusCode.OK, result.Status);
        var data = result.Data;
        Assert.Equal(FakeBookResponses.OpenLibraryNumFound, data.GetProperty("totalResults").GetInt32());
        Assert.Equal(2, data.GetProperty("startIndex").GetInt32());
        Assert.Equal(3, data.GetProperty("itemsPerPage").GetInt32());
        var books = data.GetProperty("books");
        Assert.Equal(2, books.GetArrayLength()); // the doc without any ISBN is dropped
        var first = books[0];
        Assert.Equal("9780451524935", first.GetProperty("isbn").GetString());
        Assert.Equal("Nineteen Eighty-Four", first.GetProperty("title").GetString());
        Assert.Equal("George Orwell", first.GetProperty("author").GetString());
        Assert.Equal("Signet Classics", first.GetProperty("publisher").GetString());
        Assert.Equal(328, first.GetProperty("totalPages").GetInt32());
        Assert.Equal("1949-01-01", first.GetProperty("pubDate").GetString());
        Assert.Equal("https://covers.openlibrary.org/b/id/8575708-L.jpg", first.GetProperty("coverUrl").GetString());
        // Only an ISBN-10 in the doc: the ISBN-13 is derived from it.
        Assert.Equal("9780452284241", books[1].GetProperty("isbn13").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, books[1].GetProperty("coverUrl").ValueKind);

        var sent = app.Fake.Last("/ol/search.json");
        Assert.Equal("orwell", sent["title"]);
        Assert.Equal("2", sent["page"]);
        Assert.Equal("3", sent["limit"]);
    }

    [Fact]
    public async Task Search_ByAuthorOrPublisher_UsesTheMatchingOpenLibraryField()
    {
        await _client.GetAsync("/api/v1/books/search?query=by-author&queryType=AUTHOR");
        Assert.Equal("by-author", app.Fake.Last("/ol/search.json")["author"]);

        await _client.GetAsync("/api/v1/books/search?query=by-publisher&queryType=PUBLISHER");
        Assert.Equal("by-publisher", app.Fake.Last("/ol/search.json")["publisher"]);
    }

    [Fact]
    public async Task GetBook_FollowsTheIsbnRedirect_AndNamesTheAuthor()
    {
        var result = await _client.GetAsync("/api/v1/books/978-0-451-52493-5");

        Assert.Equal(HttpStatusCode.OK, result.Status);
        var book = result.Data;
        Assert.Equal("9780451524935", book.GetProperty("isbn").GetString());
        Assert.Equal("Nineteen Eighty-Four", book.GetProperty("title").GetString());
        Assert.Equal("George Orwell", book.GetProperty("author").GetString());
        Assert.Equal("Signet Classics", book.GetProperty("publisher").GetString());
        Assert.Equal("1950-07-01", book.GetProperty("pubDate").GetString());
        Assert.Equal(328, book.GetProperty("totalPages").GetInt32());
        Assert.Equal("A dystopian novel.", book.GetProperty("description").GetString());
        Assert.Equal("https://covers.openlibrary.org/b/id/8575708-L.jpg", book.GetProperty("coverUrl").GetString());
    }

    [Fact]
    public async Task EveryIsbnInSearchResults_ResolvesWithGetBook()
    {
        var books = (await _client.GetAsync("/api/v1/books/search?query=resolve")).Data.GetProperty("books");

        foreach (var book in books.EnumerateArray())
        {
            var isbn = book.GetProperty("isbn").GetString();
            var detail = await _client.GetAsync("/api/v1/books/" + isbn);
            Assert.True(detail.Status == HttpStatusCode.OK, $"{isbn}: {detail}");
            Assert.Equal(isbn, detail.Data.GetProperty("isbn").GetString());
        }
    }

    [Fact]
    public async Task GetBook_UnknownToOpenLibrary_Returns404BookNotFound()
    {
        var result = await _client.GetAsync("/api/v1/books/9791190000000");

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Equal("BOOK_NOT_FOUND", result.ErrorCode);
    }

    [Fact]
    public async Task Search_WhenOpenLibraryAnswers500_Returns502()
    {
        var result = await _client.GetAsync("/api/v1/books/search?query=boom");

        Assert.Equal(HttpStatusCode.BadGateway, result.Status);
        Assert.Equal("BOOK_PROVIDER_ERROR", result.ErrorCode);
    }

    [Fact]
    public async Task HealthAladin_WithoutTtbKey_ReportsOpenLibraryReachable()
    {
        var result = await _client.GetAsync("/api/v1/health/aladin");

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal("OPEN_LIBRARY", result.Body.GetProperty("provider").GetString());
        Assert.True(result.Body.GetProperty("reachable").GetBoolean());
    }
}
