using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using ReadingTracker.Api.IntegrationTests.Paging;
using ReadingTracker.Api.IntegrationTests.Tags;

namespace ReadingTracker.Api.IntegrationTests.Memos;

/// <summary>
/// GET /memos/books/{id}?order=page|date&amp;tag= (a book's notebook) and GET /memos/tags/{code} (a tag page across days):
/// keyset pages that neither repeat nor skip a memo.
/// </summary>
public sealed class NotebookTests(AppFactory app) : IClassFixture<AppFactory>
{
    private sealed record Seeded(long Id, int Page, string Time, string[] Tags);

    /// <summary>
    /// Nine memos on one book: pages out of time order, two on one page at one time (the id breaks the tie), and one on
    /// another book and one deleted, which no notebook shows.
    /// </summary>
    private async Task<(ApiClient Client, long Book, string Own, List<Seeded> Memos, Seeded Elsewhere)> SeedAsync()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var other = await client.AddBookAsync("다른 책");
        var own = await client.AddTagAsync("다시 볼 곳");
        var plan = new (int Page, string Time, string[] Tags)[]
        {
            (40, "2026-11-01T09:00:00", ["quote"]),
            (12, "2026-11-01T10:00:00", [own]),
            (12, "2026-11-01T10:00:00", ["quote", own]),
            (90, "2026-11-02T08:00:00", ["summary"]),
            (5, "2026-11-02T09:30:00", [own]),
            (40, "2026-11-03T21:00:00", ["quote"]),
            (12, "2026-11-03T22:00:00", []),
            (200, "2026-11-04T07:00:00", [own, "idea"]),
            (1, "2026-11-04T08:00:00", ["feeling"]),
        };
        var memos = new List<Seeded>();
        foreach (var (page, time, tags) in plan)
        {
            var created = await client.CreateMemoAsync(book, time, tags: tags, pageNumber: page);
            Assert.True(created.Ok, created.ToString());
            memos.Add(new Seeded(created.Data.GetProperty("id").GetInt64(), page, time, tags.Length == 0 ? ["etc"] : tags));
        }

        var elsewhere = new Seeded(await client.AddMemoAsync(other, "2026-11-02T12:00:00", own), 12, "2026-11-02T12:00:00", [own]);
        var deleted = await client.AddMemoAsync(book, "2026-11-02T13:00:00", own);
        Assert.True((await client.DeleteAsync($"/api/v1/memos/{deleted}")).Ok);
        return (client, book, own, memos, elsewhere);
    }

    /// <summary>Every memo id of a list, page by page at <paramref name="limit"/> a page, and how many pages it took.</summary>
    private static async Task<(List<long> Ids, int Pages)> WalkAsync(ApiClient client, string url, int limit)
    {
        var ids = new List<long>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await client.GetAsync(PagingTestData.WithCursor($"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}limit={limit}", cursor));
            Assert.True(page.Ok, page.ToString());
            Assert.True(page.Data.GetArrayLength() <= limit);
            ids.AddRange(page.Data.EnumerateArray().Select(m => m.GetProperty("id").GetInt64()));
            cursor = page.NextCursor();
            pages++;
        }
        while (cursor is not null);

        return (ids, pages);
    }

    [Fact]
    public async Task Notebook_ByPage_IsPageAscendingThenTime_AcrossPages_NoneTwiceNoneMissing()
    {
        var (client, book, _, memos, _) = await SeedAsync();

        var (ids, pages) = await WalkAsync(client, $"/api/v1/memos/books/{book}?order=page", 2);

        Assert.Equal(memos.OrderBy(m => m.Page).ThenBy(m => m.Time, StringComparer.Ordinal).ThenBy(m => m.Id).Select(m => m.Id), ids);
        Assert.Equal(5, pages);
    }

    [Fact]
    public async Task Notebook_ByDate_IsNewestFirst_AcrossPages_AndADateLimitsItToThatDay()
    {
        var (client, book, _, memos, _) = await SeedAsync();

        var (ids, _) = await WalkAsync(client, $"/api/v1/memos/books/{book}?order=date", 4);
        var (day, _) = await WalkAsync(client, $"/api/v1/memos/books/{book}?order=date&date=2026-11-01", 1);

        var newest = memos.OrderByDescending(m => m.Time, StringComparer.Ordinal).ThenByDescending(m => m.Id).ToList();
        Assert.Equal(newest.Select(m => m.Id), ids);
        Assert.Equal(newest.Where(m => m.Time.StartsWith("2026-11-01", StringComparison.Ordinal)).Select(m => m.Id), day);
    }

    [Theory]
    [InlineData("page")]
    [InlineData("date")]
    [InlineData(null)]
    public async Task Notebook_ByTag_ListsOnlyMemosWithIt_InEachOrder_AcrossPages(string? order)
    {
        var (client, book, own, memos, _) = await SeedAsync();
        var query = order is null ? "?" : $"?order={order}&";

        var (mine, _) = await WalkAsync(client, $"/api/v1/memos/books/{book}{query}tag={own}", 1);
        var (quotes, _) = await WalkAsync(client, $"/api/v1/memos/books/{book}{query}tag=quote", 2);
        var (etc, _) = await WalkAsync(client, $"/api/v1/memos/books/{book}{query}tag=etc", 2);

        IEnumerable<Seeded> Ordered(IEnumerable<Seeded> seeded) => order switch
        {
            "page" => seeded.OrderBy(m => m.Page).ThenBy(m => m.Time, StringComparer.Ordinal).ThenBy(m => m.Id),
            "date" => seeded.OrderByDescending(m => m.Time, StringComparer.Ordinal).ThenByDescending(m => m.Id),
            _ => seeded.OrderBy(m => m.Time, StringComparer.Ordinal).ThenBy(m => m.Id),
        };
        Assert.Equal(Ordered(memos.Where(m => m.Tags.Contains(own))).Select(m => m.Id), mine);
        Assert.Equal(4, mine.Count);
        Assert.Equal(Ordered(memos.Where(m => m.Tags.Contains("quote"))).Select(m => m.Id), quotes);
        Assert.Equal(Ordered(memos.Where(m => m.Tags.Contains("etc"))).Select(m => m.Id), etc);
    }

    [Theory]
    [InlineData("order=title", "order")]
    [InlineData("order=", "order")]
    [InlineData("order=PAGE", "order")]
    [InlineData("tag=nonsense", "tag")]
    [InlineData("tag=u1", "tag")]
    [InlineData("order=page&limit=501", "limit")]
    [InlineData("order=page&cursor=abc", "cursor")]
    public async Task Notebook_WithAnUnknownOrderTagOrCursor_Returns400NamingIt(string query, string field)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();

        var result = await client.GetAsync($"/api/v1/memos/books/{book}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains(field, result.ErrorFields);
    }

    [Fact]
    public async Task Notebook_RefusesAnotherUsersTag_AndACursorOfAnotherOrder()
    {
        var (client, book, _, _, _) = await SeedAsync();
        var foreign = await (await app.CreateApiClient().SignUpAndLoginAsync()).AddTagAsync("남의 태그");
        var byPage = await client.GetAsync($"/api/v1/memos/books/{book}?order=page&limit=1");

        var withForeignTag = await client.GetAsync($"/api/v1/memos/books/{book}?tag={foreign}");
        var crossed = await client.GetAsync(PagingTestData.WithCursor($"/api/v1/memos/books/{book}?order=date&limit=1", byPage.NextCursor()));
        var toTagPage = await client.GetAsync(PagingTestData.WithCursor("/api/v1/memos/tags/quote?limit=1", byPage.NextCursor()));

        Assert.Contains("tag", withForeignTag.ErrorFields);
        Assert.Contains("cursor", crossed.ErrorFields);
        Assert.Contains("cursor", toTagPage.ErrorFields);
    }

    [Fact]
    public async Task TagPage_ListsEveryLiveMemoWithTheTag_AcrossDaysAndBooks_NewestFirst_AcrossPages()
    {
        var (client, _, own, memos, elsewhere) = await SeedAsync();
        var stranger = await app.CreateApiClient().SignUpAndLoginAsync();
        await stranger.AddMemoAsync(await stranger.AddBookAsync(), "2026-11-02T10:00:00", "quote");

        var (mine, pages) = await WalkAsync(client, $"/api/v1/memos/tags/{own}", 2);
        var (quotes, _) = await WalkAsync(client, "/api/v1/memos/tags/quote", 1);

        static IEnumerable<long> Newest(IEnumerable<Seeded> seeded) =>
            seeded.OrderByDescending(m => m.Time, StringComparer.Ordinal).ThenByDescending(m => m.Id).Select(m => m.Id);
        Assert.Equal(Newest([.. memos.Where(m => m.Tags.Contains(own)), elsewhere]), mine);
        Assert.Equal(5, mine.Count);
        Assert.Equal(3, pages);
        Assert.Equal(Newest(memos.Where(m => m.Tags.Contains("quote"))), quotes);
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("u1")]
    public async Task TagPage_OfAnUnknownTag_Returns400OnCode(string code)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var result = await client.GetAsync($"/api/v1/memos/tags/{code}");
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains("code", result.ErrorFields);
    }

    [Fact]
    public async Task TagPage_OfADeletedOwnTag_Returns400_AndAnotherUsersTagToo()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var code = await client.AddTagAsync("곧 지움");
        Assert.True((await client.GetAsync($"/api/v1/memos/tags/{code}")).Ok);
        var other = await app.CreateApiClient().SignUpAndLoginAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await other.GetAsync($"/api/v1/memos/tags/{code}")).Status);

        Assert.True((await client.DeleteAsync($"/api/v1/tags/mine/{code}")).Ok);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/v1/memos/tags/{code}")).Status);
    }
}
