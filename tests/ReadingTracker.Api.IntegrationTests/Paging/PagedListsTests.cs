using System.Net;
using System.Text;
using ReadingTracker.Api.IntegrationTests.Auth;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using ReadingTracker.Api.IntegrationTests.Memos;

namespace ReadingTracker.Api.IntegrationTests.Paging;

/// <summary>Every list that grows without bound answers a page and a cursor; bad paging input is a 400 naming the field.</summary>
public sealed class PagedListsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string B64(string plain) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(plain));

    /// <summary>Every item of a paged list at <paramref name="limit"/> a page, and the number of pages.</summary>
    private static async Task<(List<string> Items, int Pages)> WalkAsync(ApiClient client, string url, Func<ApiResult, IEnumerable<string>> items)
    {
        var all = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await client.GetAsync(PagingTestData.WithCursor(url, cursor));
            Assert.True(page.Ok, page.ToString());
            all.AddRange(items(page));
            cursor = page.NextCursor();
            pages++;
        }
        while (cursor is not null && pages < 100);

        return (all, pages);
    }

    [Theory]
    [InlineData("/api/v1/today-flow?date=2026-11-02&cursor=")]
    [InlineData("/api/v1/today-flow?date=2026-11-02&cursor=not-a-cursor!")]
    [InlineData("/api/v1/today-flow?date=2026-11-02&cursor=%FF%FE")]
    [InlineData("/api/v1/today-flow?cursor=bXwxfDI%3D")]
    public async Task TamperedCursor_Returns400WithTheField(string url)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        var result = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("VALIDATION_FAILED", result.ErrorCode);
        Assert.Contains("cursor", result.ErrorFields);
    }

    [Fact]
    public async Task CursorMadeByHand_OrOfAnotherList_Returns400_OnEveryPagedList()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var memo = await client.AddMemoAsync(book, "2026-11-02T10:00:00");
        var forged = new[] { B64("m|abc|1"), B64("m|1"), B64("q|1|2"), B64("x|1|2") + "=" };
        var urls = new[]
        {
            "/api/v1/today-flow?date=2026-11-02", $"/api/v1/memos/books/{book}", "/api/v1/memos/books/recent",
            "/api/v1/users/me/devices", "/api/v1/user/books", $"/api/v1/memos/{memo}/history",
        };

        foreach (var url in urls)
        {
            foreach (var cursor in forged)
            {
                var result = await client.GetAsync(PagingTestData.WithCursor(url, cursor));
                Assert.True(result.Status == HttpStatusCode.BadRequest && result.ErrorFields.Contains("cursor"), $"{url} {cursor}: {result}");
            }
        }

        // A today-flow cursor on the devices list is another list's: refused, not misread.
        var flowCursor = B64("m|1793491200000|1");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/v1/users/me/devices?cursor={flowCursor}")).Status);
    }

    [Theory]
    [InlineData("/api/v1/today-flow?limit=0", "limit")]
    [InlineData("/api/v1/today-flow?limit=501", "limit")]
    [InlineData("/api/v1/today-flow?limit=-5", "limit")]
    [InlineData("/api/v1/today-flow?limit=abc", "limit")]
    [InlineData("/api/v1/today-flow?limit=99999999999", "limit")]
    [InlineData("/api/v1/memos/books/recent?limit=201", "limit")]
    [InlineData("/api/v1/users/me/devices?limit=201", "limit")]
    [InlineData("/api/v1/users/me/devices?limit=0", "limit")]
    [InlineData("/api/v1/user/books?limit=201", "limit")]
    public async Task LimitOutOfRange_Returns400WithTheField(string url, string field)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        var result = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal([field], result.ErrorFields);
    }

    [Theory]
    [InlineData("/api/v1/today-flow?limit=500")]
    [InlineData("/api/v1/today-flow?limit=1")]
    [InlineData("/api/v1/users/me/devices?limit=200")]
    [InlineData("/api/v1/user/books?limit=200")]
    [InlineData("/api/v1/memos/books/recent?limit=200")]
    public async Task LimitAtTheBounds_IsAccepted_AndTheLastPageHasNoCursor(string url)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        var result = await client.GetAsync(url);

        Assert.True(result.Ok, result.ToString());
        Assert.Null(result.NextCursor());
    }

    [Fact]
    public async Task Devices_ArePaged_MostRecentFirst_AndTheCursorWalksEveryDeviceOnce()
    {
        var phone = await app.CreateApiClient().SignUpAndLoginAsync();
        for (var i = 0; i < 4; i++)
        {
            await app.LoginOnDeviceAsync(phone, $"tablet-pg-{i}");
        }

        var (devices, pages) = await WalkAsync(phone, "/api/v1/users/me/devices?limit=2",
            r => r.Data.EnumerateArray().Select(d => d.GetProperty("deviceId").GetString()!));
        var unpaged = await phone.GetAsync("/api/v1/users/me/devices");

        Assert.Equal(3, pages);
        Assert.Equal(5, devices.Distinct().Count());
        Assert.Equal(devices, unpaged.Data.EnumerateArray().Select(d => d.GetProperty("deviceId").GetString()!));
        Assert.Null(unpaged.NextCursor());
        Assert.Equal("tablet-pg-3", devices[0]);
    }

    [Fact]
    public async Task Shelf_IsPagedInItsSortOrder_AndTotalCountCountsTheWholeShelf()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        foreach (var title in new[] { "다", "가", "나", "B", "a" })
        {
            await client.AddBookAsync(title);
        }

        var first = await client.GetAsync("/api/v1/user/books?sortBy=TITLE&limit=2");
        var (titles, pages) = await WalkAsync(client, "/api/v1/user/books?sortBy=TITLE&limit=2",
            r => r.Data.GetProperty("books").EnumerateArray().Select(b => b.GetProperty("title").GetString()!));
        var whole = await client.GetAsync("/api/v1/user/books?sortBy=TITLE");

        Assert.Equal(5, first.Data.GetProperty("totalCount").GetInt32());
        Assert.Equal(2, first.Data.GetProperty("books").GetArrayLength());
        Assert.Equal(3, pages);
        Assert.Equal(whole.Data.GetProperty("books").EnumerateArray().Select(b => b.GetProperty("title").GetString()!), titles);
        Assert.Equal(5, titles.Distinct().Count());
    }

    [Fact]
    public async Task MemoHistory_AndRecentBooks_ArePaged()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var books = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            books.Add(await client.AddBookAsync($"최근 {i}"));
            await client.AddMemoAsync(books[^1], MemoTestData.SeoulNow(TimeSpan.FromMinutes(-10 + i)));
        }

        var memo = await client.AddMemoAsync(books[0], MemoTestData.SeoulNow(TimeSpan.FromMinutes(-30)));
        for (var v = 2; v <= 4; v++)
        {
            Assert.True((await client.PutAsync($"/api/v1/memos/{memo}", new { content = $"판 {v}" })).Ok);
        }

        var (versions, historyPages) = await WalkAsync(client, $"/api/v1/memos/{memo}/history?limit=2",
            r => r.Data.EnumerateArray().Select(h => h.GetProperty("version").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var (recent, recentPages) = await WalkAsync(client, "/api/v1/memos/books/recent?limit=2",
            r => r.Data.EnumerateArray().Select(b => b.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(["3", "2", "1"], versions);
        Assert.Equal(2, historyPages);
        Assert.Equal(books.AsEnumerable().Reverse().Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture)), recent);
        Assert.Equal(2, recentPages);
    }
}
