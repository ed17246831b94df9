using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Memos;

public sealed class MemoReadsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task MemosOfBook_AreAscendingByTime_AndDateLimitsToThatLocalDay()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var other = await client.AddBookAsync("다른 책");
        var late = await client.AddMemoAsync(book, "2026-11-03T00:30:00");
        var early = await client.AddMemoAsync(book, "2026-11-02T08:00:00");
        await client.AddMemoAsync(other, "2026-11-02T09:00:00");

        var all = await client.GetAsync($"/api/v1/memos/books/{book}");
        var day = await client.GetAsync($"/api/v1/memos/books/{book}?date=2026-11-03");

        Assert.Equal([early, late], all.Data.EnumerateArray().Select(m => m.GetProperty("id").GetInt64()));
        Assert.Equal([late], day.Data.EnumerateArray().Select(m => m.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task MemosOfBook_OfAnotherUser_Is404_AndBadDateIs400()
    {
        var owner = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await owner.AddBookAsync();
        await owner.AddMemoAsync(book, "2026-11-02T08:00:00");
        var other = await app.CreateApiClient().SignUpAndLoginAsync();

        var foreign = await other.GetAsync($"/api/v1/memos/books/{book}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.Status);
        Assert.Equal("SHELF_BOOK_NOT_FOUND", foreign.ErrorCode);
        var badDate = await owner.GetAsync($"/api/v1/memos/books/{book}?date=2026-13-01");
        Assert.Equal(HttpStatusCode.BadRequest, badDate.Status);
        Assert.Contains("date", badDate.ErrorFields);
    }

    [Fact]
    public async Task RecentBooks_AreLatestMemoFirst_WithTheRealLastMemoTime()
    {
        // Regression: the earlier system always answered lastMemoTime null (docs/contract.md §3.5).
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var first = await client.AddBookAsync("먼저 읽은 책");
        var second = await client.AddBookAsync("나중에 읽은 책");
        var old = await client.AddBookAsync("오래전 책");
        await client.AddMemoAsync(first, MemoTestData.SeoulNow(TimeSpan.FromHours(-5)));
        var firstLatest = MemoTestData.SeoulNow(TimeSpan.FromHours(-2));
        await client.AddMemoAsync(first, firstLatest);
        var secondLatest = MemoTestData.SeoulNow(TimeSpan.FromHours(-1));
        await client.AddMemoAsync(second, secondLatest);
        await client.AddMemoAsync(old, MemoTestData.SeoulNow(TimeSpan.FromDays(-70)));

        var recent = await client.GetAsync("/api/v1/memos/books/recent?months=1");

        Assert.True(recent.Ok, recent.ToString());
        var books = recent.Data.EnumerateArray().ToList();
        Assert.Equal([second, first], books.Select(b => b.GetProperty("id").GetInt64()));
        Assert.Equal([secondLatest, firstLatest], books.Select(b => b.GetProperty("lastMemoTime").GetString()));
        Assert.Equal("나중에 읽은 책", books[0].GetProperty("title").GetString());
        Assert.Equal("Reading", books[0].GetProperty("category").GetString());
        // The memos (on p. 12) moved the progress from 10 (issue 13).
        Assert.Equal(12, books[0].GetProperty("readingProgress").GetInt32());
        Assert.Equal(3, (await client.GetAsync("/api/v1/memos/books/recent?months=3")).Data.GetArrayLength());
    }

    [Theory]
    [InlineData("months=0")]
    [InlineData("months=121")]
    [InlineData("months=many")]
    public async Task RecentBooks_WithMonthsOutOfRange_Returns400(string query)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var result = await client.GetAsync($"/api/v1/memos/books/recent?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains("months", result.ErrorFields);
    }

    [Fact]
    public async Task MemoDates_AreTheLocalDaysOfTheMonthWithLiveMemos_Ascending()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        await client.AddMemoAsync(book, "2026-11-15T12:00:00");
        await client.AddMemoAsync(book, "2026-11-02T10:00:00");
        await client.AddMemoAsync(book, "2026-11-02T22:00:00");
        await client.AddMemoAsync(book, "2026-11-01T00:30:00"); // still October in UTC
        await client.AddMemoAsync(book, "2026-11-30T23:30:00");
        await client.AddMemoAsync(book, "2026-12-01T00:10:00");
        var deleted = await client.AddMemoAsync(book, "2026-11-20T10:00:00");
        Assert.True((await client.DeleteAsync($"/api/v1/memos/{deleted}")).Ok);

        var dates = await client.GetAsync("/api/v1/memos/dates?year=2026&month=11");

        Assert.True(dates.Ok, dates.ToString());
        Assert.Equal(["2026-11-01", "2026-11-02", "2026-11-15", "2026-11-30"], dates.Data.Strings());
    }

    [Theory]
    [InlineData("month=11", "year")]
    [InlineData("year=2026", "month")]
    [InlineData("year=2026&month=13", "month")]
    [InlineData("year=2026&month=0", "month")]
    public async Task MemoDates_WithMissingOrBadParameter_Returns400NamingIt(string query, string field)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var result = await client.GetAsync($"/api/v1/memos/dates?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("VALIDATION_FAILED", result.ErrorCode);
        Assert.Contains(field, result.ErrorFields);
    }
}
