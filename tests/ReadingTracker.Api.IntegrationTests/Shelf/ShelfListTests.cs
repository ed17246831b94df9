using System.Net;
using System.Text.RegularExpressions;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Shelf;

public sealed partial class ShelfListTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Books = ShelfTestData.Books;

    [Fact]
    public async Task List_ReturnsOnlyTheUsersLiveEntries_WithTotalCount()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var other = await app.CreateApiClient().SignUpAndLoginAsync();
        var kept = await reader.AddToReadAsync("남는 책");
        var removed = await reader.AddToReadAsync("지운 책");
        await other.AddToReadAsync("남의 책");
        Assert.True((await reader.DeleteAsync($"{Books}/{removed}")).Ok);

        var list = await reader.GetAsync(Books);

        Assert.True(list.Ok, list.ToString());
        Assert.Equal(1, list.Data.GetProperty("totalCount").GetInt32());
        var only = Assert.Single(list.Data.GetProperty("books").EnumerateArray());
        Assert.Equal(kept, only.GetProperty("userBookId").GetInt64());
    }

    [Theory]
    [InlineData(null, "Alpha,Bravo,Charlie")]
    [InlineData("TITLE", "Alpha,Bravo,Charlie")]
    [InlineData("AUTHOR", "Bravo,Charlie,Alpha")]
    [InlineData("PUBLISHER", "Charlie,Alpha,Bravo")]
    [InlineData("GENRE", "Bravo,Alpha,Charlie")]
    public async Task List_SortsAscendingByTheChosenColumn(string? sortBy, string expectedTitles)
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        await reader.AddBookAsync(new { title = "Charlie", author = "Baker", publisher = "Alpha", mainGenre = "Fiction", category = "ToRead" });
        await reader.AddBookAsync(new { title = "Alpha", author = "Cole", publisher = "Beta", mainGenre = "Essay", category = "ToRead" });
        await reader.AddBookAsync(new { title = "Bravo", author = "Adams", publisher = "Gamma", mainGenre = "Drama", category = "ToRead" });

        var list = await reader.GetAsync(sortBy is null ? Books : $"{Books}?sortBy={sortBy}");

        Assert.True(list.Ok, list.ToString());
        Assert.Equal(expectedTitles, string.Join(",", list.Data.GetProperty("books").EnumerateArray().Select(b => b.Text("title"))));
    }

    [Fact]
    public async Task List_WithEqualTitles_OrdersTiesByEntryId()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await reader.AddToReadAsync("같은 제목"));
        }

        var list = await reader.GetAsync(Books);

        Assert.Equal(ids.Order(), list.Data.GetProperty("books").EnumerateArray().Select(b => b.GetProperty("userBookId").GetInt64()));
    }

    [Fact]
    public async Task List_WithCategory_ReturnsOnlyThatCategory()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        await reader.AddToReadAsync();
        var reading = await reader.AddReadingAsync();

        var list = await reader.GetAsync($"{Books}?category=Reading");

        Assert.True(list.Ok, list.ToString());
        var only = Assert.Single(list.Data.GetProperty("books").EnumerateArray());
        Assert.Equal(reading, only.GetProperty("userBookId").GetInt64());
        Assert.Equal("Reading", only.Text("category"));
    }

    [Theory]
    [InlineData("category=Someday", "category")]
    [InlineData("category=7", "category")]
    [InlineData("sortBy=PRICE", "sortBy")]
    public async Task List_WithUnknownEnumValue_Returns400NamingTheParameter(string query, string field)
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();

        var list = await reader.GetAsync($"{Books}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, list.Status);
        Assert.Equal("VALIDATION_FAILED", list.ErrorCode);
        Assert.Contains(field, list.ErrorFields);
    }

    [Fact]
    public async Task ShelfBook_CarriesTheEarlierFieldNames_LastReadPageIsProgress_LastReadAtIsStartDate()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddBookAsync(new
        {
            isbn = "9788900000" + Random.Shared.Next(100, 999), title = "필드", author = "작가", publisher = "출판사", totalPages = 320,
            mainGenre = "소설", pubDate = "2024-05-17", category = "Reading", readingStartDate = "2026-02-01", readingProgress = 42,
            purchaseType = "RENTAL", expectation = "기대",
        });

        var book = Assert.Single((await reader.GetAsync(Books)).Data.GetProperty("books").EnumerateArray());

        Assert.Equal(id, book.GetProperty("userBookId").GetInt64());
        Assert.True(book.GetProperty("bookId").GetInt64() > 0);
        Assert.Equal(42, book.Number("lastReadPage"));
        Assert.Equal(42, book.Number("readingProgress"));
        Assert.Equal("2026-02-01", book.Text("lastReadAt"));
        Assert.Equal("2026-02-01", book.Text("readingStartDate"));
        Assert.Equal(("RENTAL", "Reading", "2024-05-17", 320), (book.Text("purchaseType"), book.Text("category"), book.Text("pubDate"), book.Number("totalPages")));
        Assert.Matches(WireDateTime(), book.Text("addedAt"));
        foreach (var field in new[] { "isbn", "title", "author", "publisher", "description", "coverUrl", "mainGenre", "expectation", "readingFinishedDate", "rating", "review" })
        {
            Assert.True(book.TryGetProperty(field, out _), $"ShelfBook lacks {field}");
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")]
    private static partial Regex WireDateTime();
}
