using System.Globalization;
using System.Net;
using System.Text.Json;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using ReadingTracker.Api.IntegrationTests.Memos;
using ReadingTracker.Api.IntegrationTests.Shelf;
using ReadingTracker.Api.IntegrationTests.Tags;

namespace ReadingTracker.Api.IntegrationTests.Stats;

/// <summary>
/// GET /stats over a reading history whose figures are worked out by hand: memos before the progress history began
/// (pages from memo pages alone), progress changes after it (written straight into both masters with chosen times),
/// local days in Seoul, a deleted memo and a removed entry that no longer count, and a second reader whose data must
/// never show up.
/// </summary>
public sealed class StatsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static long _nextHistoryId = 9_000_000;

    [Fact]
    public async Task Year_AddsUpAKnownReadingHistory_AndNeverCountsAnotherReadersData()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        await WriteKnownHistoryAsync(reader);
        var stranger = await app.CreateApiClient().SignUpAndLoginAsync();
        await WriteKnownHistoryAsync(stranger);
        await stranger.AddTagAsync("남의 태그");

        var stats = await GetStatsAsync(reader, "?year=2025");

        Assert.Equal(2025, stats.GetProperty("year").GetInt32());
        Assert.Equal("Asia/Seoul", stats.GetProperty("timeZone").GetString());
        Assert.Equal("2025-06-01T09:00:00", stats.GetProperty("progressHistorySince").GetString());
        Assert.Equal([0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0], stats.GetProperty("booksFinishedByMonth").EnumerateArray().Select(e => e.GetInt32()));
        // Memo era: A's high mark was 5 (2024); 03-01 rises to 20 (+15), 03-02 stays below it, 03-03 reaches 50 (+30)
        // and B's first memo at 40 (+40). History era: 50→80 (+30), 80→60 (back: 0), -→12 (+12), 40→100 (+60).
        Assert.Equal(["2025-03-01=15", "2025-03-03=70", "2025-06-01=30", "2025-06-02=12", "2025-06-03=60"], Days(stats, "pagesByDay", "pages"));
        Assert.Equal(["2025-03-01=2", "2025-03-02=1", "2025-03-03=2", "2025-03-04=1", "2025-06-01=1"], Days(stats, "memosByDay", "count"));
        var totals = stats.GetProperty("totals");
        Assert.Equal((3, 187L, 7L, 7), (totals.GetProperty("booksFinished").GetInt32(), totals.GetProperty("pagesRead").GetInt64(),
            totals.GetProperty("memos").GetInt64(), totals.GetProperty("readingDays").GetInt32()));
        var streaks = stats.GetProperty("streaks");
        Assert.Equal((4, "2025-03-01", "2025-03-04"), (streaks.GetProperty("longest").GetInt32(),
            streaks.GetProperty("longestFrom").GetString(), streaks.GetProperty("longestTo").GetString()));
        Assert.Equal(0, streaks.GetProperty("current").GetInt32());
        var tags = stats.GetProperty("topTags").EnumerateArray()
            .Select(t => $"{t.GetProperty("name").GetString() ?? t.GetProperty("code").GetString()}={t.GetProperty("count").GetInt64()}").ToList();
        // Memos written without a tag carry `etc`, as everywhere; a tie goes to the older tag (the built-in).
        Assert.Equal(["etc=3", "밑줄=3", "quote=2", "idea=1"], tags);
    }

    [Fact]
    public async Task AnotherYear_IsEmpty_ButKeepsTheStreaks()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        await WriteKnownHistoryAsync(reader);

        var stats = await GetStatsAsync(reader, "?year=2023");

        Assert.Empty(stats.GetProperty("pagesByDay").EnumerateArray());
        Assert.Empty(stats.GetProperty("memosByDay").EnumerateArray());
        Assert.Empty(stats.GetProperty("topTags").EnumerateArray());
        Assert.Equal(4, stats.GetProperty("streaks").GetProperty("longest").GetInt32());
    }

    [Fact]
    public async Task CurrentStreak_RunsThroughYesterday_UntilTodayEnds()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await reader.AddReadingAsync(progress: 250, totalPages: 300);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), Seoul).DateTime);
        foreach (var daysAgo in new[] { 6, 3, 2, 1 })
        {
            Assert.True((await reader.CreateMemoAsync(book, At(today.AddDays(-daysAgo), 12))).Ok);
        }

        var before = (await GetStatsAsync(reader, "")).GetProperty("streaks");
        Assert.Equal((3, Wire(today.AddDays(-3))), (before.GetProperty("current").GetInt32(), before.GetProperty("currentFrom").GetString()));

        Assert.True((await reader.CreateMemoAsync(book, At(today, 0))).Ok);
        var after = (await GetStatsAsync(reader, "")).GetProperty("streaks");
        Assert.Equal((4, 4), (after.GetProperty("current").GetInt32(), after.GetProperty("longest").GetInt32()));
    }

    [Fact]
    public async Task Days_FollowTheReadersZone_AcrossDaylightSavingChanges()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        Assert.True((await reader.PutAsync("/api/v1/users/me", new { timeZone = "America/New_York" })).Ok);
        var book = await reader.AddReadingAsync(progress: 250, totalPages: 300);
        // 23:30 local is already the next day in UTC, with -5 h before 9 March and after 2 November and -4 h between.
        foreach (var at in new[] { "2025-03-08T23:30:00", "2025-03-09T23:30:00", "2025-11-01T23:30:00", "2025-11-02T23:30:00", "2025-12-31T23:30:00" })
        {
            Assert.True((await reader.CreateMemoAsync(book, at)).Ok);
        }

        var stats = await GetStatsAsync(reader, "?year=2025");

        Assert.Equal(["2025-03-08=1", "2025-03-09=1", "2025-11-01=1", "2025-11-02=1", "2025-12-31=1"], Days(stats, "memosByDay", "count"));
        Assert.Empty((await GetStatsAsync(reader, "?year=2026")).GetProperty("memosByDay").EnumerateArray());
    }

    [Theory]
    [InlineData("?year=abc")]
    [InlineData("?year=1899")]
    [InlineData("?year=2101")]
    [InlineData("?year=-1")]
    [InlineData("?year=99999999999")]
    public async Task ABadYear_Is400(string query)
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();

        var result = await reader.GetAsync("/api/v1/stats" + query);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.False(result.Ok);
        Assert.Contains("year", result.ErrorFields);
    }

    [Fact]
    public async Task WithoutAToken_Is401()
    {
        var result = await app.CreateApiClient().GetAsync("/api/v1/stats?year=2025");

        Assert.Equal(HttpStatusCode.Unauthorized, result.Status);
    }

    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    private static async Task<JsonElement> GetStatsAsync(ApiClient client, string query)
    {
        var result = await client.GetAsync("/api/v1/stats" + query);
        Assert.True(result.Ok, result.ToString());
        return result.Data;
    }

    private static string[] Days(JsonElement stats, string list, string figure) =>
        [.. stats.GetProperty(list).EnumerateArray().Select(d => $"{d.GetProperty("date").GetString()}={d.GetProperty(figure).GetInt64()}")];

    private static string Wire(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string At(DateOnly day, int hour) => $"{Wire(day)}T{hour:D2}:00:00";

    /// <summary>
    /// The history of the figures above. Entries stand at page 250, so none of these memos moves the progress (and
    /// writes a history row of its own): the progress history is exactly the rows written here.
    /// </summary>
    private async Task WriteKnownHistoryAsync(ApiClient client)
    {
        var a = await client.AddReadingAsync(progress: 250, totalPages: 300);
        var b = await client.AddReadingAsync(progress: 250, totalPages: 300);
        foreach (var (finished, n) in new[] { ("2025-02-14", 1), ("2025-02-20", 2), ("2025-11-05", 3), ("2024-12-31", 4) })
        {
            await client.AddBookAsync(new
            {
                title = $"다 읽은 책 {n}", author = "작가", totalPages = 200, category = "Finished",
                readingStartDate = "2024-01-01", readingFinishedDate = finished, rating = 4,
            });
        }

        var own = await client.AddTagAsync("밑줄");
        await Memo(client, a, "2024-12-31T22:00:00", 5, own);
        await Memo(client, a, "2025-03-01T08:00:00", 10, own, "quote");
        await Memo(client, a, "2025-03-01T23:30:00", 20, own, "quote");
        await Memo(client, a, "2025-03-02T00:30:00", 15, "idea");
        await Memo(client, a, "2025-03-03T10:00:00", 50);
        await Memo(client, b, "2025-03-03T12:00:00", 40);
        await Memo(client, a, "2025-03-04T10:00:00", 45);
        await Memo(client, a, "2025-06-01T12:00:00", 70, own);
        var deleted = await Memo(client, a, "2025-03-05T10:00:00", 200, "quote");
        Assert.True((await client.DeleteAsync($"/api/v1/memos/{deleted}")).Ok);
        var removed = await client.AddReadingAsync(progress: 250, totalPages: 300);
        await Memo(client, removed, "2025-03-05T11:00:00", 100, own);

        await HistoryAsync(client, a, 50, 80, "MEMO", "2025-06-01T09:00:00");
        await HistoryAsync(client, a, 80, 60, "MANUAL", "2025-06-01T10:00:00");
        await HistoryAsync(client, b, null, 12, "START", "2025-06-02T23:59:59");
        await HistoryAsync(client, b, 40, 100, "FINISH", "2025-06-03T00:00:00");
        await HistoryAsync(client, removed, 100, 250, "MANUAL", "2025-06-03T10:00:00");
        Assert.True((await client.DeleteAsync($"{ShelfTestData.Books}/{removed}")).Ok);
    }

    private static async Task<long> Memo(ApiClient client, long book, string at, int page, params string[] tags)
    {
        var result = await client.CreateMemoAsync(book, at, pageNumber: page, tags: tags.Length == 0 ? null : tags, tagCategory: "TYPE");
        Assert.True(result.Ok, result.ToString());
        Assert.False(result.Data.GetProperty("progress").GetProperty("moved").GetBoolean());
        return result.Data.GetProperty("id").GetInt64();
    }

    private async Task HistoryAsync(ApiClient client, long book, int? from, int to, string source, string seoulTime)
    {
        var at = new DateTimeOffset(DateTime.ParseExact(seoulTime, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture), TimeSpan.FromHours(9));
        var row = new { id = Interlocked.Increment(ref _nextHistoryId), userId = client.UserId, book, from, to, source, at = at.ToUnixTimeMilliseconds() };
        foreach (var master in new[] { app.Primary, app.Secondary })
        {
            await MasterSql.ExecuteAsync(master,
                "INSERT INTO progress_history (id, user_id, user_book_id, from_page, to_page, source, at) VALUES (@id, @userId, @book, @from, @to, @source, @at)", row);
        }
    }
}
