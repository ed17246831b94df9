using Microsoft.Playwright;
using ReadingTracker.Api.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReadingTracker.Api.BrowserTests.Screens;

/// <summary>
/// Memo search (issue 16): the header's search box finds a memo by a word inside a longer one, shows its snippet with
/// the word marked and the memo's markup as plain text, and the result opens the book's notebook on that memo, even
/// when it is past the notebook's first page. On a desktop in English and on a phone in Korean.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MemoSearchScreenTests(BrowserFixture fixture)
{
    public static TheoryData<string, int, int> Screens => new()
    {
        { "en-US", 1280, 900 },
        { "ko-KR", 390, 844 },
    };

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task HeaderSearch_FindsTheMemo_MarksTheWord_AndOpensTheNotebookOnIt(string locale, int width, int height)
    {
        var ko = locale.StartsWith("ko", StringComparison.Ordinal);
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        var book = await user.AddBookAsync("검색 공책", 300, "Reading", 10);
        var today = PageActions.NowInSeoul().Date;
        // The oldest memo: by date (the notebook's default, newest first) it is past the first page of 30.
        var target = await user.AddMemoAsync(book, "<b>동물이</b> 숨이 막힌다", PageActions.Wire(today.AddDays(-10).AddHours(9)), page: 7);
        for (var i = 0; i < 35; i++)
        {
            await user.AddMemoAsync(book, $"다른 메모 {i}", PageActions.Wire(today.AddDays(-1).AddMinutes(i)), page: 20 + i);
        }

        var page = await fixture.NewPageAsync(locale, width, height);
        await BookNotebookTests.LoginAsync(page, user.LoginId, ko);

        var box = page.GetByRole(AriaRole.Searchbox, new() { Name = ko ? "내 메모 검색" : "Search my memos" });
        await box.FillAsync("물이");
        await box.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = ko ? "내 메모 검색" : "Search my memos", Level = 1 })).ToBeVisibleAsync();
        var hits = page.Locator(".memo-hit");
        await Expect(hits).ToHaveCountAsync(1);
        await Expect(hits.Locator("mark")).ToHaveTextAsync("물이");
        await Expect(hits.Locator(".memo-snippet")).ToHaveTextAsync("<b>동물이</b> 숨이 막힌다");
        Assert.Equal(0, await hits.Locator("b").CountAsync());
        await AxeCheck.AssertCleanAsync(page, $"memo search ({locale})");
        if (!ko)
        {
            await PageActions.ScreenshotAsync(page, "memo-search");
        }

        await hits.GetByRole(AriaRole.Link, new() { Name = "검색 공책" }).ClickAsync();

        var found = page.Locator($".memo.memo-found[data-memo-id='{target}']");
        await Expect(found).ToBeVisibleAsync();
        await Expect(found).ToBeFocusedAsync();
        await Expect(found).ToBeInViewportAsync();
        await Expect(page.Locator(".memo-found")).ToHaveCountAsync(1);
    }
}
