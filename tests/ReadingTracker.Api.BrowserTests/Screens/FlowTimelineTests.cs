using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ReadingTracker.Api.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReadingTracker.Api.BrowserTests.Screens;

/// <summary>
/// The today flow as a timeline (issue 13): one list that loads the day's next memos as the reader scrolls or
/// presses "Load more", previous and next day under a heading that names the day, a memo written on any day at
/// any time, and "Close the book" proposing the session's highest page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FlowTimelineTests(BrowserFixture fixture)
{
    private static ILocator Memos(IPage page) => page.Locator(".flow-list").GetByRole(AriaRole.Article);

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    private static string LongDate(DateTime day) => day.ToString("dddd, MMMM d, yyyy", English);

    private static string Day(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task Timeline_LoadsTheDaysNextMemos_WhenScrolledTo_AndByTheButtonWithTheFocusOnTheFirstNewMemo(int width, int height)
    {
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        var book = await user.AddBookAsync("Long Day", 900, "Reading", 1);
        for (var batch = 0; batch < 65; batch += 13)
        {
            await Task.WhenAll(Enumerable.Range(batch, 13).Select(i => user.AddMemoAsync(book, $"Line {i:00}", PageActions.TodayAt(200 - i), page: i + 1)));
        }

        var page = await fixture.NewPageAsync(width: width, height: height);
        await PageActions.LoginAsync(page, user.LoginId);
        await page.GotoAsync("/#/flow");
        await Expect(Memos(page)).ToHaveCountAsync(30);
        await Expect(page.GetByText("30 memos so far, more below")).ToBeVisibleAsync();
        await Expect(page.GetByText("Page 1 of")).ToHaveCountAsync(0);

        // The keyboard's way: the button, and the focus lands on the first memo it brought.
        var more = page.GetByRole(AriaRole.Button, new() { Name = "Load more memos" });
        await more.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(Memos(page)).ToHaveCountAsync(60);
        await Expect(Memos(page).Nth(30)).ToBeFocusedAsync();
        await Expect(Memos(page).Nth(30).Locator(".memo-content")).ToHaveTextAsync("Line 30");

        // The thumb's way: scrolling to the end loads the rest by itself.
        await page.EvaluateAsync("() => window.scrollTo(0, document.body.scrollHeight)");
        await Expect(Memos(page)).ToHaveCountAsync(65);
        await Expect(page.GetByText("65 memos", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(more).ToHaveCountAsync(0);
        await Expect(Memos(page).Locator(".memo-content")).ToHaveTextAsync(Enumerable.Range(0, 65).Select(i => $"Line {i:00}").ToArray());
        await AxeCheck.AssertCleanAsync(page, $"the timeline at {width}px");
    }

    [Fact]
    public async Task Days_AreNamedTodayYesterdayOrByDate_AndPreviousNextStepThroughThem_InKorean()
    {
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        var book = await user.AddBookAsync("어제의 책", 300, "Reading", 10);
        var today = PageActions.NowInSeoul().Date;
        await user.AddMemoAsync(book, "어제 밤에 읽은 장면", PageActions.Wire(today.AddDays(-1).AddHours(22)), page: 20);
        await user.AddMemoAsync(book, "그저께의 메모", PageActions.Wire(today.AddDays(-2).AddHours(8)), page: 15);
        var page = await fixture.NewPageAsync(locale: "ko-KR", width: 390, height: 844);
        await page.GotoAsync("/#/login");
        await page.GetByLabel("아이디").FillAsync(user.LoginId);
        await page.GetByLabel("비밀번호", new() { Exact = true }).FillAsync(ApiSeeder.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "로그인", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "내 서재", Level = 1 })).ToBeVisibleAsync();
        await page.GotoAsync("/#/flow");

        var title = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Expect(title).ToHaveTextAsync("오늘");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "다음 날" })).ToBeDisabledAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "전날" }).ClickAsync();
        await Expect(title).ToHaveTextAsync("어제");
        await Expect(Memos(page).GetByText("어제 밤에 읽은 장면")).ToBeVisibleAsync();
        Assert.Contains($"date={Day(today.AddDays(-1))}", page.Url, StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "전날" }).ClickAsync();
        await Expect(title).ToHaveTextAsync(new Regex($"^{today.AddDays(-2).Year}년 {today.AddDays(-2).Month}월 {today.AddDays(-2).Day}일"));
        await Expect(Memos(page).GetByText("그저께의 메모")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "다음 날" }).ClickAsync();
        await Expect(title).ToHaveTextAsync("어제");
        await page.GetByRole(AriaRole.Button, new() { Name = "다음 날" }).ClickAsync();
        await Expect(title).ToHaveTextAsync("오늘");
        await Expect(page.GetByText("오늘 작성한 메모가 없습니다. 첫 메모를 남겨보세요.")).ToBeVisibleAsync();
        await AxeCheck.AssertCleanAsync(page, "the flow in Korean on a phone");
    }

    [Fact]
    public async Task MemoOnAPastDay_StartsOnThatDay_WithAnEditedTimeLandsThere_AndTheServersRangeErrorShowsOnTheField()
    {
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        var book = await user.AddBookAsync("Night Reading", 300, "Reading", 30);
        var yesterday = PageActions.NowInSeoul().Date.AddDays(-1);
        var page = await fixture.NewPageAsync();
        await PageActions.LoginAsync(page, user.LoginId);
        await page.GotoAsync($"/#/flow?date={Day(yesterday)}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Yesterday", Level = 1 })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Write a memo", Exact = true }).ClickAsync();
        var editor = page.GetByRole(AriaRole.Form, new() { Name = "Write a memo" });
        var when = editor.GetByLabel("Date and time", new() { Exact = true });
        await Expect(when).ToBeHiddenAsync();
        await Expect(when).ToHaveValueAsync(new Regex($"^{Day(yesterday)}T\\d\\d:\\d\\d$"));
        await editor.GetByRole(AriaRole.Button, new() { Name = "change the date and time" }).ClickAsync();
        await Expect(when).ToBeFocusedAsync();

        // A year typed wrong: the server's range check answers on the field, and nothing is saved.
        await when.FillAsync("1800-01-01T10:00");
        await editor.GetByLabel("Memo").FillAsync("Logged the morning after.");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(when).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(editor.Locator("[data-field='memoStartTime'] .field-error")).ToBeVisibleAsync();
        await Expect(editor.GetByLabel("Memo")).ToHaveValueAsync("Logged the morning after.");

        var twoDaysAgo = yesterday.AddDays(-1);
        await when.FillAsync($"{Day(twoDaysAgo)}T23:40");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = LongDate(twoDaysAgo), Level = 1 })).ToBeVisibleAsync();
        await Expect(Memos(page)).ToHaveCountAsync(1);
        await Expect(Memos(page).First.Locator("time")).ToHaveTextAsync("23:40");
        await Expect(Memos(page).First).ToBeFocusedAsync();
        var memos = await user.GetAsync($"/api/v1/today-flow?date={Day(twoDaysAgo)}");
        Assert.Equal(1, memos.GetProperty("totalMemoCount").GetInt32());
        var none = await user.GetAsync($"/api/v1/today-flow?date={Day(yesterday)}");
        Assert.Equal(0, none.GetProperty("totalMemoCount").GetInt32());
    }

    [Fact]
    public async Task CloseTheBook_ProposesTheHighestPageOfTheSessionsMemos_NotTheStoredProgress()
    {
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        var book = await user.AddBookAsync("Session Book", 400, "Reading", 150);
        var other = await user.AddBookAsync("Other Book", 300, "Reading", 20);
        await user.AddMemoAsync(book, "earlier session", PageActions.TodayAt(90), page: 120);
        await user.AddMemoAsync(other, "in between", PageActions.TodayAt(70), page: 40);
        await user.AddMemoAsync(book, "p152", PageActions.TodayAt(50), page: 152);
        await user.AddMemoAsync(book, "p171", PageActions.TodayAt(30), page: 171);
        await user.AddMemoAsync(book, "p160", PageActions.TodayAt(10), page: 160);
        var page = await fixture.NewPageAsync(width: 390, height: 844);
        await PageActions.LoginAsync(page, user.LoginId);
        await page.GotoAsync("/#/flow");
        await Expect(Memos(page)).ToHaveCountAsync(5);

        await page.GetByRole(AriaRole.Button, new() { Name = "Close the book" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Close the book" });
        await Expect(dialog.GetByLabel("Book")).ToHaveValueAsync(book.ToString(CultureInfo.InvariantCulture));
        await Expect(dialog.GetByLabel("Last page read")).ToHaveValueAsync("171");
        await AxeCheck.AssertCleanAsync(page, "the close-the-book dialog");
        await dialog.GetByLabel("Book").SelectOptionAsync(other.ToString(CultureInfo.InvariantCulture));
        await Expect(dialog.GetByLabel("Last page read")).ToHaveValueAsync("40");
        await dialog.GetByLabel("Book").SelectOptionAsync(book.ToString(CultureInfo.InvariantCulture));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close the book" }).ClickAsync();
        await Expect(PageActions.Toast(page, "Now in: Reading.")).ToBeVisibleAsync();
        var entry = await user.GetAsync($"/api/v1/user/books/{book}");
        Assert.Equal(171, entry.GetProperty("readingProgress").GetInt32());
    }
}
