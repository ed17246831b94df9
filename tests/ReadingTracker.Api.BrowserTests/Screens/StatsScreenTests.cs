using System.Globalization;
using Microsoft.Playwright;
using ReadingTracker.Api.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReadingTracker.Api.BrowserTests.Screens;

/// <summary>
/// The statistics screen (issue 16): reached from the menu, its figures from the reader's own data, each chart one SVG
/// image with a label and a table behind it, a heat map cell per day of the year, the year switcher, no page-wide
/// sideways scroll at phone width, axe clean. Desktop in English, phone in Korean.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StatsScreenTests(BrowserFixture fixture)
{
    private static readonly Dictionary<string, Dictionary<string, string>> Words = new()
    {
        ["en"] = new()
        {
            ["menu"] = "Statistics", ["title"] = "Reading statistics", ["memos"] = "Memos", ["finished"] = "Books finished", ["table"] = "Show as a table",
            ["january"] = "January", ["current"] = "Current streak", ["days2"] = "2 days",
        },
        ["ko"] = new()
        {
            ["menu"] = "통계", ["title"] = "독서 통계", ["memos"] = "메모", ["finished"] = "완독한 책", ["table"] = "표로 보기",
            ["january"] = "1월", ["current"] = "현재 연속 독서", ["days2"] = "2일",
        },
    };

    [Theory]
    [InlineData("en", 1280)]
    [InlineData("ko", 390)]
    public async Task Statistics_FromTheMenu_ShowTheReadersYear_AsChartsWithTables(string language, int width)
    {
        var w = Words[language];
        var today = PageActions.NowInSeoul().Date;
        var year = today.Year;
        using var reader = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        var book = await reader.AddBookAsync("통계 책", 300, "Reading", 250);
        var finished = await reader.AddBookAsync("다 읽은 통계 책", 150);
        await reader.PutAsync($"/api/v1/user/books/{finished}", new
        {
            category = "Finished", readingStartDate = $"{year}-01-01", readingFinishedDate = $"{year}-01-01", readingProgress = 150, rating = 4,
        });
        var ownTag = (await reader.PostAsync("/api/v1/tags/mine", new { name = "밑줄 문장", category = "TYPE" })).GetProperty("code").GetString()!;
        await reader.AddMemoAsync(book, "어제의 메모", PageActions.Wire(today.AddDays(-1).AddHours(21)), page: 10, tags: [ownTag]);
        await reader.AddMemoAsync(book, "오늘의 메모", PageActions.TodayAt(5), page: 12, tags: [ownTag, "quote"]);
        using var stranger = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        var theirs = await stranger.AddBookAsync("남의 책", 300, "Reading", 250);
        await stranger.AddMemoAsync(theirs, "남의 메모", PageActions.TodayAt(7), page: 3);

        var page = await fixture.NewPageAsync(width: width, height: width < 600 ? 780 : 900);
        await PageActions.LoginAsync(page, reader.LoginId);
        if (language == "ko")
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "한국어 (Change language)" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "내 서재", Level = 1 })).ToBeVisibleAsync();
        }

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = w["menu"], Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = w["title"], Level = 1 })).ToBeVisibleAsync();

        var stats = page.Locator(".stat-grid");
        await Expect(stats.Locator(".stat").Filter(new() { HasText = w["memos"] }).Locator("dd")).ToHaveTextAsync(today.DayOfYear > 1 ? "2" : "1");
        await Expect(stats.Locator(".stat").Filter(new() { HasText = w["finished"] }).Locator("dd")).ToHaveTextAsync("1");
        await Expect(stats.Locator(".stat").Filter(new() { HasText = w["current"] }).Locator("dd")).ToContainTextAsync(w["days2"]);

        var charts = page.Locator("svg[role=img]");
        await Expect(charts).ToHaveCountAsync(3);
        foreach (var chart in await charts.AllAsync())
        {
            Assert.False(string.IsNullOrWhiteSpace(await chart.GetAttributeAsync("aria-label")));
        }

        var daysInYear = DateTime.IsLeapYear(year) ? 366 : 365;
        await Expect(page.Locator("svg.heat-map rect.day")).ToHaveCountAsync(daysInYear);
        await Expect(page.Locator("svg.heat-map rect.day:not(.shade-0)")).ToHaveCountAsync(today.DayOfYear > 1 ? 2 : 1);
        await Expect(page.Locator(".tag-table tbody tr").First).ToContainTextAsync("밑줄 문장");
        await Expect(page.Locator(".tag-table")).Not.ToContainTextAsync("남의");

        var byMonth = page.Locator("#stats-finished").Locator("..");
        await byMonth.GetByText(w["table"]).ClickAsync();
        var january = byMonth.Locator("tbody tr").First;
        await Expect(january.Locator("th")).ToHaveTextAsync(w["january"]);
        await Expect(january.Locator("td")).ToHaveTextAsync("1");

        await AxeCheck.AssertCleanAsync(page, $"statistics ({language})");
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the page scrolls sideways");
        if (language == "en")
        {
            await PageActions.ScreenshotAsync(page, "statistics");
        }

        await page.Locator(".year-nav a.prev").ClickAsync();
        await Expect(page.Locator(".year-now")).ToContainTextAsync((year - 1).ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("svg.heat-map rect.day:not(.shade-0)")).ToHaveCountAsync(today.DayOfYear > 1 ? 0 : 1);
        await Expect(page.Locator(".year-nav a.next")).ToBeVisibleAsync();
        Assert.Contains($"year={year - 1}", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
