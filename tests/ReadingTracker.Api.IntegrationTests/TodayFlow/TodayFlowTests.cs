using System.Net;
using System.Text.Json;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using ReadingTracker.Api.IntegrationTests.Memos;

namespace ReadingTracker.Api.IntegrationTests.TodayFlow;

/// <summary>
/// One Seoul day, 2026-11-02, with memos on two books. The user's zone is the default Asia/Seoul, so
/// 00:30 local is 15:30 UTC of the previous day and must still count for 2026-11-02.
/// </summary>
public sealed class TodayFlowTests(AppFactory app) : IClassFixture<AppFactory>
{
    private sealed record Day(ApiClient Client, long BookA, long BookB, long M1, long M2, long M3, long M4, long M5);

    private async Task<Day> SeedAsync()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var a = await client.AddBookAsync("책 A");
        var b = await client.AddBookAsync("책 B");
        await client.AddMemoAsync(a, "2026-11-01T23:59:00", "idea");
        var m1 = await client.AddMemoAsync(a, "2026-11-02T00:30:00", "quote");
        var m2 = await Created(client.CreateMemoAsync(a, "2026-11-02T09:00:00", tags: ["plot"], tagCategory: "TOPIC"));
        var m3 = await client.AddMemoAsync(b, "2026-11-02T10:00:00", "feeling", "character");
        var m4 = await client.AddMemoAsync(a, "2026-11-02T11:00:00");
        var m5 = await client.AddMemoAsync(b, "2026-11-02T23:59:59", "knowledge", "summary");
        await client.AddMemoAsync(b, "2026-11-03T00:00:00", "idea");
        return new Day(client, a, b, m1, m2, m3, m4, m5);
    }

    [Fact]
    public async Task SessionMode_GroupsByBook_AndSplitsSessionsWhereTheBookChanges()
    {
        var d = await SeedAsync();
        var flow = await FlowAsync(d.Client, "date=2026-11-02&sortBy=SESSION");

        Assert.Equal("2026-11-02", flow.GetProperty("date").GetString());
        Assert.Equal("SESSION", flow.GetProperty("sortBy").GetString());
        Assert.Equal(5, flow.GetProperty("totalMemoCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, flow.GetProperty("memosByTag").ValueKind);
        AssertBooks(flow.GetProperty("memosByBook"), d, (d.BookA, [d.M1, d.M2, d.M4]), (d.BookB, [d.M3, d.M5]));
        var sessions = flow.GetProperty("sessions").EnumerateArray().ToList();
        Assert.Equal([d.BookA, d.BookB, d.BookA, d.BookB], sessions.Select(s => s.GetProperty("userBookId").GetInt64()));
        Assert.Equal([d.M1, d.M2], Ids(sessions[0].GetProperty("memos")));
        Assert.Equal("책 B", sessions[1].GetProperty("bookTitle").GetString());
    }

    [Fact]
    public async Task BookMode_HasBookGroupsOnly()
    {
        var d = await SeedAsync();
        var flow = await FlowAsync(d.Client, "date=2026-11-02&sortBy=BOOK");

        Assert.Equal("BOOK", flow.GetProperty("sortBy").GetString());
        Assert.Equal(JsonValueKind.Null, flow.GetProperty("memosByTag").ValueKind);
        AssertBooks(flow.GetProperty("memosByBook"), d, (d.BookA, [d.M1, d.M2, d.M4]), (d.BookB, [d.M3, d.M5]));
        var group = flow.GetProperty("memosByBook").GetProperty(d.BookA.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(d.BookA, group.GetProperty("bookId").GetInt64());
        Assert.Equal("책 A", group.GetProperty("bookTitle").GetString());
        Assert.Equal(3, group.GetProperty("memoCount").GetInt32());
    }

    [Fact]
    public async Task TagMode_ByType_FilesEachMemoUnderItsRepresentativeTag_EtcLast()
    {
        var d = await SeedAsync();
        var flow = await FlowAsync(d.Client, "date=2026-11-02&sortBy=TAG&tagCategory=TYPE");

        Assert.Equal(JsonValueKind.Null, flow.GetProperty("memosByBook").ValueKind);
        Assert.Equal(5, flow.GetProperty("totalMemoCount").GetInt32());
        var tags = flow.GetProperty("memosByTag");
        // m2 has no TYPE tag: it falls back to its TOPIC tag `plot` (sort 2), after `quote` (TYPE, sort 2).
        Assert.Equal(["summary", "quote", "plot", "feeling", "etc"], tags.EnumerateObject().Select(p => p.Name));
        AssertTag(tags, "summary", d.BookB, d.M5);
        AssertTag(tags, "quote", d.BookA, d.M1);
        AssertTag(tags, "plot", d.BookA, d.M2);
        AssertTag(tags, "feeling", d.BookB, d.M3);
        AssertTag(tags, "etc", d.BookA, d.M4);
        var memo = tags.GetProperty("summary").GetProperty("memosByBook").EnumerateObject().Single().Value.GetProperty("memos")[0];
        Assert.Equal(["knowledge", "summary"], memo.GetProperty("tags").Strings());
    }

    [Fact]
    public async Task TagMode_ByTopic_UsesTopicTagsFirst()
    {
        var d = await SeedAsync();
        var flow = await FlowAsync(d.Client, "date=2026-11-02&sortBy=TAG&tagCategory=TOPIC");

        var tags = flow.GetProperty("memosByTag");
        Assert.Equal(["character", "plot", "quote", "knowledge", "etc"], tags.EnumerateObject().Select(p => p.Name));
        AssertTag(tags, "character", d.BookB, d.M3);
        AssertTag(tags, "knowledge", d.BookB, d.M5);
        AssertTag(tags, "etc", d.BookA, d.M4);
        Assert.Equal("character", tags.GetProperty("character").GetProperty("tagCode").GetString());
        Assert.Equal(1, tags.GetProperty("character").GetProperty("memoCount").GetInt32());
    }

    [Fact]
    public async Task MemoJustAfterLocalMidnight_CountsForThatLocalDay_NotTheUtcDay()
    {
        // Regression: the earlier system computed the day in UTC, 9 h off in Seoul (docs/contract.md §2).
        var d = await SeedAsync();
        var previous = await FlowAsync(d.Client, "date=2026-11-01");
        var next = await FlowAsync(d.Client, "date=2026-11-03");

        Assert.Equal(1, previous.GetProperty("totalMemoCount").GetInt32());
        Assert.DoesNotContain(d.M1, Ids(previous.GetProperty("memosByBook").EnumerateObject().Single().Value.GetProperty("memos")));
        Assert.Equal(1, next.GetProperty("totalMemoCount").GetInt32());
    }

    [Fact]
    public async Task WithoutDate_ShowsTheUsersToday_InSessionMode()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var today = MemoTestData.SeoulNow(TimeSpan.Zero)[..10];
        var id = await client.AddMemoAsync(book, today + "T00:00:01");

        var flow = await FlowAsync(client, "");

        Assert.Equal(today, flow.GetProperty("date").GetString());
        Assert.Equal("SESSION", flow.GetProperty("sortBy").GetString());
        Assert.Equal([id], Ids(flow.GetProperty("sessions")[0].GetProperty("memos")));
    }

    [Theory]
    [InlineData("date=2026-02-30", "date")]
    [InlineData("sortBy=TITLE", "sortBy")]
    [InlineData("sortBy=7", "sortBy")]
    [InlineData("sortBy=TAG&tagCategory=MOOD", "tagCategory")]
    public async Task WithBadParameter_Returns400NamingIt(string query, string field)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var result = await client.GetAsync($"/api/v1/today-flow?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains(field, result.ErrorFields);
    }

    private static async Task<long> Created(Task<ApiResult> create)
    {
        var result = await create;
        Assert.True(result.Ok, result.ToString());
        return result.Data.GetProperty("id").GetInt64();
    }

    private static async Task<JsonElement> FlowAsync(ApiClient client, string query)
    {
        var result = await client.GetAsync($"/api/v1/today-flow?{query}");
        Assert.True(result.Ok, result.ToString());
        return result.Data;
    }

    private static long[] Ids(JsonElement memos) => [.. memos.EnumerateArray().Select(m => m.GetProperty("id").GetInt64())];

    private static void AssertBooks(JsonElement byBook, Day d, params (long Book, long[] Memos)[] expected)
    {
        Assert.Equal(expected.Select(e => e.Book.ToString(System.Globalization.CultureInfo.InvariantCulture)), byBook.EnumerateObject().Select(p => p.Name));
        foreach (var (book, memos) in expected)
        {
            var group = byBook.GetProperty(book.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(memos, Ids(group.GetProperty("memos")));
            Assert.Equal(memos.Length, group.GetProperty("memoCount").GetInt32());
            Assert.Equal(book == d.BookA ? "책 A" : "책 B", group.GetProperty("bookTitle").GetString());
        }
    }

    private static void AssertTag(JsonElement byTag, string code, long book, params long[] memos)
    {
        var group = byTag.GetProperty(code);
        Assert.Equal(memos.Length, group.GetProperty("memoCount").GetInt32());
        var books = group.GetProperty("memosByBook").EnumerateObject().ToList();
        Assert.Equal(book, Assert.Single(books).Value.GetProperty("bookId").GetInt64());
        Assert.Equal(memos, Ids(books[0].Value.GetProperty("memos")));
    }
}
