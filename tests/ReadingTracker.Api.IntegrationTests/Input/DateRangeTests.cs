using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using ReadingTracker.Api.IntegrationTests.Memos;

namespace ReadingTracker.Api.IntegrationTests.Input;

/// <summary>
/// Every date and time on the wire is range-checked: year 1 and year 9999 once reached the time-zone arithmetic
/// and answered 500. A memo's time runs from 1900 to a day ahead of now; query dates and years from 1900 to 2100,
/// and a future day inside that range is an empty day, not an error.
/// </summary>
public sealed class DateRangeTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static void AssertRejected(ApiResult result, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("VALIDATION_FAILED", result.ErrorCode);
        Assert.Contains(field, result.ErrorFields);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00")]
    [InlineData("9999-12-31T23:59:59")]
    [InlineData("1899-12-31T23:59:59")]
    public async Task CreateMemo_StartTimeOutOfRange_Returns400WithField_AndStoresNothing(string memoStartTime)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();

        var result = await client.CreateMemoAsync(book, memoStartTime);

        AssertRejected(result, "memoStartTime");
        Assert.Equal((0, 0), await MemoMasterQueries.MemosOfUserAsync(app, client.UserId));
    }

    [Fact]
    public async Task CreateMemo_StartTimeTwoDaysAhead_Returns400_WhileTwelveHoursAheadIsStored()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();

        AssertRejected(await client.CreateMemoAsync(book, MemoTestData.SeoulNow(TimeSpan.FromDays(2))), "memoStartTime");
        var soon = await client.CreateMemoAsync(book, MemoTestData.SeoulNow(TimeSpan.FromHours(12)));
        var old = await client.CreateMemoAsync(book, "1900-01-01T00:00:00");

        Assert.True(soon.Ok, soon.ToString());
        Assert.True(old.Ok, old.ToString());
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("2101-01-01")]
    [InlineData("1899-12-31")]
    public async Task TodayFlow_DateOutOfRange_Returns400WithField(string date)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        AssertRejected(await client.GetAsync($"/api/v1/today-flow?date={date}"), "date");
    }

    [Fact]
    public async Task TodayFlow_DateYear1_Returns400WithField()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        AssertRejected(await client.GetAsync("/api/v1/today-flow?date=0001-01-01"), "date");
    }

    [Theory]
    [InlineData("2100-12-31")]
    [InlineData("1900-01-01")]
    public async Task TodayFlow_DayInsideTheRangeWithoutMemos_IsAnEmpty200(string date)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        var result = await client.GetAsync($"/api/v1/today-flow?date={date}");

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(date, result.Data.GetProperty("date").GetString());
        Assert.Equal(0, result.Data.GetProperty("totalMemoCount").GetInt32());
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public async Task BookMemos_DateOutOfRange_Returns400WithField(string date)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();

        AssertRejected(await client.GetAsync($"/api/v1/memos/books/{book}?date={date}"), "date");
        Assert.True((await client.GetAsync($"/api/v1/memos/books/{book}?date=2100-12-31")).Ok);
    }

    [Theory]
    [InlineData("year=2101&month=1", "year")]
    [InlineData("year=1899&month=12", "year")]
    [InlineData("year=2147483647&month=1", "year")]
    public async Task CalendarDates_YearOutOfRange_Returns400WithField(string query, string field)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        AssertRejected(await client.GetAsync($"/api/v1/memos/dates?{query}"), field);
        Assert.True((await client.GetAsync("/api/v1/memos/dates?year=2100&month=12")).Ok);
    }

    [Fact]
    public async Task AddToShelf_ReadingStartDateYear1_Returns400WithField_ButAnOldPubDateIsABook()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        var result = await client.PostAsync("/api/v1/user/books", new
        {
            title = "돈키호테", author = "세르반테스", totalPages = 300, category = "Reading", readingStartDate = "0001-01-01", readingProgress = 10,
        });
        var classic = await client.PostAsync("/api/v1/user/books", new { title = "돈키호테", author = "세르반테스", category = "ToRead", pubDate = "1605" });

        AssertRejected(result, "readingStartDate");
        Assert.True(classic.Ok, classic.ToString());
    }
}
