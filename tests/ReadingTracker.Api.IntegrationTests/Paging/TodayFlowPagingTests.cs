using System.Diagnostics;
using System.Globalization;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using ReadingTracker.Api.IntegrationTests.Memos;
using Xunit.Abstractions;

namespace ReadingTracker.Api.IntegrationTests.Paging;

/// <summary>
/// Regression: after one user wrote 12,100 memos in 15 s, GET /today-flow answered 100 MB and
/// GET /memos/books/{id} 50 MB — both read the whole day or book in one response.
/// </summary>
public sealed class TodayFlowPagingTests(BulkSeedAppFactory app, ITestOutputHelper output) : IClassFixture<BulkSeedAppFactory>
{
    private const int Memos = 12_000;

    [Fact]
    public async Task TodayFlow_12kMemos_FirstPageHolds200_AndCursorWalksAll()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var a = await client.AddBookAsync("책 A");
        var b = await client.AddBookAsync("책 B");
        var seeding = Stopwatch.StartNew();
        await client.SeedDayAsync(Memos, a, b);
        await client.AddMemoAsync(a, "2026-11-01T23:59:59");
        await client.AddMemoAsync(b, "2026-11-03T00:00:00");
        output.WriteLine($"seeded {Memos} memos in {seeding.Elapsed.TotalSeconds:0.0} s");

        // The earlier client sends no paging parameters: it gets the first 200 of the day, in time order.
        var clock = Stopwatch.StartNew();
        var first = await client.GetAsync($"/api/v1/today-flow?date={PagingTestData.Day}");
        var firstMs = clock.ElapsedMilliseconds;
        var firstBytes = (await first.Response.Content.ReadAsByteArrayAsync()).Length;
        Assert.True(first.Ok, first.ToString());
        Assert.Equal(200, first.Data.GetProperty("totalMemoCount").GetInt32());
        Assert.Equal(200, PagingTestData.FlowMemos(first.Data).Count());
        Assert.Equal(200, first.Data.GetProperty("sessions").EnumerateArray().Sum(s => s.GetProperty("memos").GetArrayLength()));
        Assert.NotNull(first.NextCursor());

        // The largest pages walk the whole day: every memo once, in (time, id) order, and nothing of the days around it.
        var ids = new List<long>();
        var times = new List<string>();
        string? cursor = null;
        var pages = 0;
        clock.Restart();
        do
        {
            var page = await client.GetAsync(PagingTestData.WithCursor($"/api/v1/today-flow?date={PagingTestData.Day}&sortBy=BOOK&limit=500", cursor));
            Assert.True(page.Ok, page.ToString());
            Assert.InRange(page.Data.GetProperty("totalMemoCount").GetInt32(), 1, 500);
            var memos = PagingTestData.FlowMemos(page.Data).ToList();
            ids.AddRange(memos.Select(m => m.GetProperty("id").GetInt64()));
            times.AddRange(memos.Select(m => m.GetProperty("memoStartTime").GetString()!));
            cursor = page.NextCursor();
            pages++;
        }
        while (cursor is not null);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{TestDatabases.Provider}: first page {firstBytes / 1024} KB in {firstMs} ms; {pages} pages of 500 in {clock.ElapsedMilliseconds} ms"));
        Assert.Equal(Memos / 500, pages);
        Assert.Equal(Memos, ids.Count);
        Assert.Equal(Memos, ids.Distinct().Count());
        Assert.All(times, t => Assert.StartsWith(PagingTestData.Day, t, StringComparison.Ordinal));
        Assert.Equal(times.Order(StringComparer.Ordinal), times);
        Assert.True(firstBytes < 256 * 1024, $"first page {firstBytes} bytes");

        // The book list pages the same way, before any grouping: book A's 6,000 of the day plus the one the day before.
        var bookIds = new List<long>();
        cursor = null;
        do
        {
            var page = await client.GetAsync(PagingTestData.WithCursor($"/api/v1/memos/books/{a}?limit=500", cursor));
            Assert.True(page.Ok, page.ToString());
            bookIds.AddRange(page.Data.EnumerateArray().Select(m => m.GetProperty("id").GetInt64()));
            cursor = page.NextCursor();
        }
        while (cursor is not null);

        Assert.Equal((Memos / 2) + 1, bookIds.Distinct().Count());
        var bookFirst = await client.GetAsync($"/api/v1/memos/books/{a}?date={PagingTestData.Day}");
        Assert.Equal(200, bookFirst.Data.GetArrayLength());
        Assert.NotNull(bookFirst.NextCursor());
    }
}
