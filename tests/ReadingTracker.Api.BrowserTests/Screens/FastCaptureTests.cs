using System.Globalization;
using Microsoft.Playwright;
using ReadingTracker.Api.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReadingTracker.Api.BrowserTests.Screens;

/// <summary>
/// The fast capture composer (issue 13): the text first, the tag chips one Tab stop with arrow keys inside,
/// Ctrl+Enter saves, Esc cancels (asking only when text would be lost), a draft survives a reload, and on phones a
/// floating write button opens the composer on the current book, all of it on the first screen.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FastCaptureTests(BrowserFixture fixture)
{
    private static ILocator Memos(IPage page) => page.Locator(".flow-list").GetByRole(AriaRole.Article);

    /// <summary>Logs in in the page's language: Korean pages have Korean labels.</summary>
    private static async Task LoginAsync(IPage page, string loginId, string locale)
    {
        if (!locale.StartsWith("ko", StringComparison.Ordinal))
        {
            await PageActions.LoginAsync(page, loginId);
            return;
        }

        await page.GotoAsync("/#/login");
        await page.GetByLabel("아이디").FillAsync(loginId);
        await page.GetByLabel("비밀번호", new() { Exact = true }).FillAsync(ApiSeeder.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "로그인", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "내 서재", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Keyboard_TextFirst_ChipsAreOneTabStopWithArrows_CtrlEnterSaves()
    {
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        await user.AddBookAsync("Keyboard Book", 120, "Reading", 3);
        var page = await fixture.NewPageAsync();
        await PageActions.LoginAsync(page, user.LoginId);
        await page.GotoAsync("/#/flow");
        await Expect(page.GetByText("No memos today yet. Write your first one.")).ToBeVisibleAsync();

        await PageActions.TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Write a memo", Exact = true }));
        await page.Keyboard.PressAsync("Enter");
        var editor = page.GetByRole(AriaRole.Form, new() { Name = "Write a memo" });
        await Expect(editor.GetByLabel("Memo")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Typed without a mouse.");
        await page.Keyboard.PressAsync("Shift+Tab");
        await Expect(editor.GetByLabel("Page")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("7");
        await page.Keyboard.PressAsync("Tab");
        await Expect(editor.GetByLabel("Memo")).ToBeFocusedAsync();

        // Into the chips: the tags are one group of checkboxes, entered at the first chip.
        var tags = editor.GetByRole(AriaRole.Group, new() { Name = "Tags", Exact = true });
        await Expect(tags.GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(18);
        await PageActions.TabToAsync(page, tags.GetByRole(AriaRole.Checkbox, new() { Name = "Summary" }), limit: 4);
        await page.Keyboard.PressAsync("ArrowRight");
        var quote = tags.GetByRole(AriaRole.Checkbox, new() { Name = "Quote" });
        await Expect(quote).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(quote).ToHaveAttributeAsync("aria-checked", "true");
        await page.Keyboard.PressAsync("End");
        await Expect(tags.GetByRole(AriaRole.Group, new() { Name = "Topic" }).GetByRole(AriaRole.Checkbox, new() { Name = "Other" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(tags.GetByRole(AriaRole.Checkbox, new() { Name = "Summary" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.Keyboard.PressAsync("Home");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(quote).ToBeFocusedAsync();

        // One Tab leaves all 18 chips; Shift+Tab comes back to the chip last visited.
        await page.Keyboard.PressAsync("Tab");
        await Expect(editor.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        await Expect(quote).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Control+Enter");
        await Expect(editor).ToHaveCountAsync(0);
        var memo = Memos(page).First;
        await Expect(memo).ToHaveAccessibleNameAsync(new System.Text.RegularExpressions.Regex(@"p\.7$"));
        await Expect(memo.GetByText("Typed without a mouse.")).ToBeVisibleAsync();
        await Expect(memo.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["Quote"]);
        await Expect(memo).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Escape_CancelsAtOnce_WhenNothingIsTyped_AndAsksFirstWhenTextWouldBeLost()
    {
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        await user.AddBookAsync("Escape Book", 120, "Reading", 3);
        var page = await fixture.NewPageAsync();
        await PageActions.LoginAsync(page, user.LoginId);
        await page.GotoAsync("/#/flow");
        var write = page.GetByRole(AriaRole.Button, new() { Name = "Write a memo", Exact = true });
        var editor = page.GetByRole(AriaRole.Form, new() { Name = "Write a memo" });

        await write.ClickAsync();
        await Expect(editor.GetByLabel("Memo")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(editor).ToHaveCountAsync(0);
        await Expect(write).ToBeFocusedAsync();

        await write.ClickAsync();
        await Expect(editor.GetByLabel("Memo")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Half a thought");
        await page.Keyboard.PressAsync("Escape");
        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = "Discard this memo?" });
        await Expect(confirm).ToBeVisibleAsync();
        await AxeCheck.AssertCleanAsync(page, "the discard question");
        await page.Keyboard.PressAsync("Escape");
        await Expect(confirm).ToHaveCountAsync(0);
        await Expect(editor.GetByLabel("Memo")).ToHaveValueAsync("Half a thought");
        await Expect(editor.GetByLabel("Memo")).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Escape");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Discard" }).ClickAsync();
        await Expect(editor).ToHaveCountAsync(0);
        await write.ClickAsync();
        await Expect(editor.GetByLabel("Memo")).ToHaveValueAsync("");
        Assert.Equal(0, (await user.GetAsync("/api/v1/today-flow")).GetProperty("totalMemoCount").GetInt32());
    }

    [Fact]
    public async Task TheComposer_OpenedWhileTheDayStillLoads_KeepsTheFocus_WhenTheDayArrives()
    {
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        await user.AddBookAsync("Slow Day Book", 120, "Reading", 3);
        var page = await fixture.NewPageAsync();
        await PageActions.LoginAsync(page, user.LoginId);
        // The day's memos arrive only when the test lets them: the reader is quicker than the server.
        var day = new TaskCompletionSource();
        await page.RouteAsync("**/api/v1/today-flow**", async route =>
        {
            await day.Task;
            await route.ContinueAsync();
        });
        await page.GotoAsync("/#/flow");
        var editor = page.GetByRole(AriaRole.Form, new() { Name = "Write a memo" });

        await page.GetByRole(AriaRole.Button, new() { Name = "Write a memo", Exact = true }).ClickAsync();
        await Expect(editor.GetByLabel("Memo")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Typed before the day loaded");
        day.SetResult();
        await Expect(page.GetByText("No memos today yet. Write your first one.")).ToBeVisibleAsync();
        // The screen's heading takes the focus on arrival only when the reader has not moved on.
        await Expect(editor.GetByLabel("Memo")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(", and after.");
        await Expect(editor.GetByLabel("Memo")).ToHaveValueAsync("Typed before the day loaded, and after.");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("en-US", "Write a memo", "Memo", "Save", "Yesterday's thought, kept.")]
    [InlineData("ko-KR", "메모 작성", "메모 내용", "저장", "새로고침에도 남는 초안")]
    public async Task Draft_SurvivesAReload_PerBook_AndIsClearedOnSave(string locale, string writeTitle, string memoLabel, string save, string text)
    {
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        var first = await user.AddBookAsync("Draft One", 200, "Reading", 5);
        var second = await user.AddBookAsync("Draft Two", 200, "Reading", 9);
        var page = await fixture.NewPageAsync(locale: locale, width: 390, height: 844);
        await LoginAsync(page, user.LoginId, locale);
        await page.GotoAsync($"/#/flow?write={second}");
        var editor = page.GetByRole(AriaRole.Form, new() { Name = writeTitle });
        await Expect(editor.GetByLabel(memoLabel, new() { Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(text);

        await page.ReloadAsync();
        await Expect(editor.GetByLabel(memoLabel, new() { Exact = true })).ToHaveValueAsync(text);
        Assert.Equal(second.ToString(CultureInfo.InvariantCulture), await editor.Locator("select[name='userBookId']").InputValueAsync());
        // The draft belongs to its book: another book starts empty.
        await page.GotoAsync($"/#/flow?write={first}");
        await Expect(editor.GetByLabel(memoLabel, new() { Exact = true })).ToHaveValueAsync("");
        await page.GotoAsync($"/#/flow?write={second}");
        await Expect(editor.GetByLabel(memoLabel, new() { Exact = true })).ToHaveValueAsync(text);

        await editor.GetByRole(AriaRole.Button, new() { Name = save, Exact = true }).ClickAsync();
        await Expect(Memos(page).GetByText(text)).ToBeVisibleAsync();
        await page.GotoAsync($"/#/flow?write={second}");
        await Expect(editor.GetByLabel(memoLabel, new() { Exact = true })).ToHaveValueAsync("");
    }

    [Theory]
    [InlineData("en-US", "Write", "Write a memo", "Memo", "Save", "Add tags (optional)")]
    [InlineData("ko-KR", "메모 쓰기", "메모 작성", "메모 내용", "저장", "태그 추가 (선택)")]
    public async Task PhoneWriteButton_OpensTheComposerOnTheCurrentBook_AllOnTheFirstScreen(string locale, string fab, string writeTitle, string memoLabel, string save, string tagsToggle)
    {
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync(name: "김독서");
        await user.AddBookAsync("채식주의자", 247, "Reading", 120, author: "한강");
        var book = await user.AddBookAsync("소년이 온다", 216, "Reading", 190, author: "한강");
        await user.AddMemoAsync(book, "동호의 시선으로 본 광장.", PageActions.TodayAt(40), page: 185, tags: ["feeling"]);
        var page = await fixture.NewPageAsync(locale: locale, width: 390, height: 844);
        await LoginAsync(page, user.LoginId, locale);
        await page.GotoAsync($"/#/book/{book}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "소년이 온다", Level = 1 })).ToBeVisibleAsync();

        var button = page.GetByRole(AriaRole.Link, new() { Name = fab, Exact = true });
        await Expect(button).ToBeVisibleAsync();
        await button.ClickAsync();
        var editor = page.GetByRole(AriaRole.Form, new() { Name = writeTitle });
        var memo = editor.GetByLabel(memoLabel, new() { Exact = true });
        await Expect(memo).ToBeFocusedAsync();
        Assert.Equal(book.ToString(CultureInfo.InvariantCulture), await editor.Locator("select[name='userBookId']").InputValueAsync());
        await Expect(button).ToBeHiddenAsync();
        var toggle = editor.GetByRole(AriaRole.Button, new() { Name = tagsToggle });
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(editor.GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(0);

        // The text box and Save are on the first screen: no date card or tag chips above them.
        await page.Keyboard.TypeAsync("마지막 장은 내일 아침에.");
        foreach (var target in new[] { memo, editor.GetByRole(AriaRole.Button, new() { Name = save, Exact = true }) })
        {
            var box = await target.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Y >= 0 && box.Y + box.Height <= 844, $"{await target.TextContentAsync()} at {box.Y}+{box.Height}");
        }

        await AxeCheck.AssertCleanAsync(page, $"the phone composer ({locale})");
        if (locale == "ko-KR")
        {
            await page.WaitForTimeoutAsync(5500); // let the welcome toast go
            await PageActions.ScreenshotAsync(page, "phone-composer");
        }

        await toggle.ClickAsync();
        await Expect(editor.GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(18);
        await editor.GetByRole(AriaRole.Button, new() { Name = save, Exact = true }).ClickAsync();
        await Expect(Memos(page)).ToHaveCountAsync(2);
        await Expect(button).ToBeVisibleAsync();

        // Desktop widths have the write button in the page instead.
        await page.SetViewportSizeAsync(1280, 900);
        await Expect(button).ToBeHiddenAsync();
    }
}
