using System.Net;
using System.Text.Json;
using ReadingTracker.Api.IntegrationTests.Books;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Shelf;

/// <summary>
/// Regression for "shared catalogue poisoning": one user's hand-typed book (title, cover, totalPages: 2)
/// became what every other user adding that ISBN saw, and capped their close-book at 2 pages. Only a
/// provider's data is shared; what a user types describes their own entry.
/// </summary>
public sealed class CatalogueIsolationTests(AladinAppFactory app) : IClassFixture<AladinAppFactory>
{
    private const string Vegetarian = "9788936434595";
    private const string HumanActs = "9788936434120";

    [Fact]
    public async Task HandTypedBook_DoesNotChangeWhatAnotherUserSees()
    {
        var typist = await app.CreateApiClient().SignUpAndLoginAsync();
        var typed = await typist.AddBookAsync(Poison(Vegetarian, pages: 2));
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var searched = await reader.AddFromSearchAsync(Vegetarian);
        var late = await app.CreateApiClient().SignUpAndLoginAsync();
        await late.AddBookAsync(Poison("8936434594", pages: 3, title: "Later poison"));

        var seen = await reader.GetEntryAsync(searched);
        Assert.Equal("채식주의자 <리커버>", seen.Text("title"));
        Assert.Equal("한강 (지은이)", seen.Text("author"));
        Assert.Equal(247, seen.Number("totalPages"));
        Assert.StartsWith("https://image.aladin.co.kr/product/", seen.Text("coverUrl"), StringComparison.Ordinal);
        Assert.Equal(Vegetarian, seen.Text("isbn"));

        // The typist keeps exactly what they typed, ISBN included.
        var own = await typist.GetEntryAsync(typed);
        Assert.Equal("Poison", own.Text("title"));
        Assert.Equal(2, own.Number("totalPages"));
        Assert.Equal("https://image.aladin.co.kr/poison.jpg", own.Text("coverUrl"));
        Assert.Equal(Vegetarian, own.Text("isbn"));
        Assert.NotEqual(seen.GetProperty("bookId").GetInt64(), own.GetProperty("bookId").GetInt64());
        await MasterSql.AssertMastersIdenticalAsync(app);
    }

    [Fact]
    public async Task HandTypedTotalPages_DoesNotLimitAnotherUsersCloseBook()
    {
        var typist = await app.CreateApiClient().SignUpAndLoginAsync();
        await typist.AddBookAsync(Poison(HumanActs, pages: 2));
        var unknownIsbn = "979" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await typist.AddBookAsync(Poison(unknownIsbn, pages: 2));

        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var searched = await reader.AddFromSearchAsync(HumanActs);
        var typedByReader = await reader.AddBookAsync(new { isbn = unknownIsbn, title = "My own", author = "Me", totalPages = 300, category = "ToRead" });

        foreach (var entry in new[] { searched, typedByReader })
        {
            var closed = await reader.PostAsync($"/api/v1/memos/books/{entry}/close", new { lastReadPage = 150 });
            Assert.True(closed.Ok, closed.ToString());
            Assert.Equal(150, (await reader.GetEntryAsync(entry)).Number("readingProgress"));
        }
    }

    [Theory]
    [InlineData("https://evil.example/cover.jpg")]
    [InlineData("http://image.aladin.co.kr/product/1/cover.jpg")]
    [InlineData("https://image.aladin.co.kr.evil.example/cover.jpg")]
    [InlineData("https://someone@image.aladin.co.kr/cover.jpg")]
    [InlineData("javascript:alert(1)")]
    [InlineData("//covers.openlibrary.org/b/id/1-L.jpg")]
    [InlineData("data:image/png;base64,AAAA")]
    public async Task HandTypedCoverUrl_FromUnknownHost_Returns400(string coverUrl)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var result = await client.PostAsync(ShelfTestData.Books, new { title = "T", author = "A", coverUrl, category = "ToRead" });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("VALIDATION_FAILED", result.ErrorCode);
        Assert.Equal(["coverUrl"], result.ErrorFields);
        Assert.Contains("https://image.aladin.co.kr", result.Body.GetProperty("error").GetProperty("fields")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await client.GetAsync(ShelfTestData.Books)).Data.GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [InlineData("https://covers.openlibrary.org/b/id/8575708-L.jpg")]
    [InlineData("https://IMAGE.aladin.co.kr/product/1/cover.jpg")]
    public async Task HandTypedCoverUrl_FromAProviderImageHost_IsKept(string coverUrl)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var entry = await client.AddBookAsync(new { title = "T", author = "A", coverUrl, category = "ToRead" });
        Assert.Equal(coverUrl, (await client.GetEntryAsync(entry)).Text("coverUrl"));
    }

    [Fact]
    public async Task SameIsbn_BySearchAndByHand_OnOneShelf_IsDuplicateBook()
    {
        var searchFirst = await app.CreateApiClient().SignUpAndLoginAsync();
        await searchFirst.AddFromSearchAsync(Vegetarian);
        var byHand = await searchFirst.PostAsync(ShelfTestData.Books, Poison("89-364-3459-4", pages: 5));
        Assert.Equal(HttpStatusCode.Conflict, byHand.Status);
        Assert.Equal("DUPLICATE_BOOK", byHand.ErrorCode);

        var handFirst = await app.CreateApiClient().SignUpAndLoginAsync();
        await handFirst.AddBookAsync(Poison(HumanActs, pages: 5));
        var book = (await handFirst.GetAsync($"/api/v1/books/{HumanActs}")).Data;
        var bySearch = await handFirst.PostAsync(ShelfTestData.Books, FromSearch(book));
        Assert.Equal(HttpStatusCode.Conflict, bySearch.Status);
        Assert.Equal("DUPLICATE_BOOK", bySearch.ErrorCode);
        Assert.Equal(1, (await handFirst.GetAsync(ShelfTestData.Books)).Data.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task RemovedHandTypedBook_AddedAgainFromSearch_ShowsTheProvidersBook()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var typed = await client.AddBookAsync(Poison(HumanActs, pages: 2));
        Assert.True((await client.DeleteAsync($"{ShelfTestData.Books}/{typed}")).Ok);

        var again = await client.AddFromSearchAsync(HumanActs);

        Assert.Equal(typed, again);
        var entry = await client.GetEntryAsync(again);
        Assert.Equal("소년이 온다", entry.Text("title"));
        Assert.Equal(216, entry.Number("totalPages"));
        await MasterSql.AssertMastersIdenticalAsync(app);
    }

    private static object Poison(string isbn, int pages, string title = "Poison") =>
        new { isbn, title, author = "Nobody", coverUrl = "https://image.aladin.co.kr/poison.jpg", totalPages = pages, category = "ToRead" };

    private static object FromSearch(JsonElement book) => new
    {
        isbn = book.Text("isbn"), title = book.Text("title"), author = book.Text("author") ?? "-", publisher = book.Text("publisher"),
        description = book.Text("description"), coverUrl = book.Text("coverUrl"), totalPages = book.Number("totalPages"),
        mainGenre = book.Text("mainGenre"), pubDate = book.Text("pubDate"), category = "ToRead",
    };
}

/// <summary>Adding a book the way the web client does from a search result: the detail page's fields, sent back.</summary>
internal static class SearchAdd
{
    public static async Task<long> AddFromSearchAsync(this ApiClient client, string isbn)
    {
        var detail = await client.GetAsync($"/api/v1/books/{isbn}");
        Assert.True(detail.Ok, detail.ToString());
        var book = detail.Data;
        return await client.AddBookAsync(new
        {
            isbn = book.Text("isbn"), title = book.Text("title"), author = book.Text("author") ?? "-", publisher = book.Text("publisher"),
            description = book.Text("description"), coverUrl = book.Text("coverUrl"), totalPages = book.Number("totalPages"),
            mainGenre = book.Text("mainGenre"), pubDate = book.Text("pubDate"), category = "ToRead",
        });
    }
}
