using System.Net;
using System.Text.Json;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using ReadingTracker.Api.IntegrationTests.Paging;

namespace ReadingTracker.Api.IntegrationTests.Shelf;

/// <summary>GET /user/books?sort=added|started|finished: newest first by that date, entries without it last, keyset-paged.</summary>
public sealed class ShelfSortTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Books = ShelfTestData.Books;

    /// <summary>Six entries, added in this order: A and F to read, B and C reading, D and E finished.</summary>
    private static async Task<(ApiClient Client, Dictionary<string, long> Ids)> SeedAsync(ApiClient client)
    {
        var ids = new Dictionary<string, long>
        {
            ["A"] = await client.AddToReadAsync("A"),
            ["B"] = await client.AddBookAsync(new { title = "B", author = "작가", totalPages = 300, category = "Reading", readingStartDate = "2026-11-01", readingProgress = 10 }),
            ["C"] = await client.AddBookAsync(new { title = "C", author = "작가", totalPages = 300, category = "Reading", readingStartDate = "2026-10-01", readingProgress = 10 }),
            ["D"] = await client.AddBookAsync(new { title = "D", author = "작가", totalPages = 300, category = "Finished", readingStartDate = "2026-09-01", readingFinishedDate = "2026-09-20", rating = 4, review = "좋았다" }),
            ["E"] = await client.AddBookAsync(new { title = "E", author = "작가", totalPages = 300, category = "Finished", readingStartDate = "2026-08-01", readingFinishedDate = "2026-10-10", rating = 5 }),
            ["F"] = await client.AddToReadAsync("F"),
        };
        return (client, ids);
    }

    private static async Task<(List<string> Titles, List<int> PageSizes)> WalkAsync(ApiClient client, string query, int limit)
    {
        var titles = new List<string>();
        var sizes = new List<int>();
        string? cursor = null;
        do
        {
            var page = await client.GetAsync(PagingTestData.WithCursor($"{Books}?{query}&limit={limit}", cursor));
            Assert.True(page.Ok, page.ToString());
            var books = page.Data.GetProperty("books").EnumerateArray().ToList();
            titles.AddRange(books.Select(b => b.GetProperty("title").GetString()!));
            sizes.Add(books.Count);
            cursor = page.NextCursor();
        }
        while (cursor is not null);

        return (titles, sizes);
    }

    [Theory]
    [InlineData("sort=added", 2, "F,E,D,C,B,A")]
    [InlineData("sort=started", 2, "B,C,D,E,F,A")]
    [InlineData("sort=started", 3, "B,C,D,E,F,A")]
    [InlineData("sort=started", 5, "B,C,D,E,F,A")]
    [InlineData("sort=started", 50, "B,C,D,E,F,A")]
    [InlineData("sort=finished", 1, "E,D,F,C,B,A")]
    [InlineData("sort=finished", 4, "E,D,F,C,B,A")]
    [InlineData("sort=finished&category=Finished", 1, "E,D")]
    [InlineData("sort=started&category=ToRead", 1, "F,A")]
    [InlineData("sort=added&category=Reading", 1, "C,B")]
    public async Task List_ByDate_IsNewestFirst_WithUndatedEntriesLast_AcrossPages(string query, int limit, string expected)
    {
        var (client, _) = await SeedAsync(await app.CreateApiClient().SignUpAndLoginAsync());
        await (await app.CreateApiClient().SignUpAndLoginAsync()).AddToReadAsync("someone else's");

        var (titles, sizes) = await WalkAsync(client, query, limit);

        Assert.Equal(expected, string.Join(",", titles));
        Assert.All(sizes.SkipLast(1), s => Assert.Equal(limit, s));
    }

    [Fact]
    public async Task List_ByDate_CountsTheWholeList_AndFinishedEntriesShowRatingReviewAndFinishDate()
    {
        var (client, ids) = await SeedAsync(await app.CreateApiClient().SignUpAndLoginAsync());

        var first = await client.GetAsync($"{Books}?sort=finished&limit=1");
        var finished = first.Data.GetProperty("books")[0];

        Assert.Equal(6, first.Data.GetProperty("totalCount").GetInt32());
        Assert.Equal(ids["E"], finished.GetProperty("userBookId").GetInt64());
        Assert.Equal("2026-10-10", finished.GetProperty("readingFinishedDate").GetString());
        Assert.Equal(5, finished.GetProperty("rating").GetInt32());
        Assert.Equal(JsonValueKind.Null, finished.GetProperty("review").ValueKind);
    }

    [Fact]
    public async Task FinishedEntry_TakesANewRatingAndReview()
    {
        var (client, ids) = await SeedAsync(await app.CreateApiClient().SignUpAndLoginAsync());

        var edited = await client.PutAsync($"{Books}/{ids["D"]}", new { rating = 2, review = "다시 읽으니 아쉽다" });

        Assert.True(edited.Ok, edited.ToString());
        var entry = await client.GetEntryAsync(ids["D"]);
        Assert.Equal("Finished", entry.GetProperty("category").GetString());
        Assert.Equal(2, entry.GetProperty("rating").GetInt32());
        Assert.Equal("다시 읽으니 아쉽다", entry.GetProperty("review").GetString());
    }

    [Theory]
    [InlineData("sort=newest", "sort")]
    [InlineData("sort=", "sort")]
    [InlineData("sort=ADDED", "sort")]
    [InlineData("sort=added&sortBy=TITLE", "sort")]
    [InlineData("sort=started&cursor=abc", "cursor")]
    public async Task List_WithAnUnknownSortOrCursor_Returns400NamingIt(string query, string field)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        var result = await client.GetAsync($"{Books}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains(field, result.ErrorFields);
    }

    [Fact]
    public async Task List_RefusesACursorOfAnotherSort()
    {
        var (client, _) = await SeedAsync(await app.CreateApiClient().SignUpAndLoginAsync());
        var started = await client.GetAsync($"{Books}?sort=started&limit=1");

        foreach (var query in new[] { "sort=finished", "sort=added", "sortBy=TITLE" })
        {
            var crossed = await client.GetAsync(PagingTestData.WithCursor($"{Books}?{query}&limit=1", started.NextCursor()));
            Assert.Equal(HttpStatusCode.BadRequest, crossed.Status);
            Assert.Contains("cursor", crossed.ErrorFields);
        }
    }
}
