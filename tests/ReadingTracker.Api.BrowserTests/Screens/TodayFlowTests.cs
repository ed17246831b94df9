using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ReadingTracker.Api.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReadingTracker.Api.BrowserTests.Screens;

[Collection(BrowserCollection.Name)]
public sealed class TodayFlowTests(BrowserFixture fixture)
{
    private static ILocator Memos(IPage page) => page.Locator(".flow-list").GetByRole(AriaRole.Article);

    private static ILocator GroupHeadings(IPage page) => page.Locator(".flow-list").GetByRole(AriaRole.Heading, new() { Level = 2 });

    [Fact]
    public async Task Memo_IsWrittenEditedAndDeleted_InPlace_WithUserTextShownAsText()
    {
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        await user.AddBookAsync("Meditations", 300, "Reading", 20);
        var page = await fixture.NewPageAsync();
        await PageActions.LoginAsync(page, user.LoginId);
        await page.GetByRole(AriaRole.Link, new() { Name = "Today flow" }).ClickAsync();
        await Expect(page.GetByText("No memos today yet. Write your first one.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Write a memo" }).ClickAsync();
        var editor = page.GetByRole(AriaRole.Form, new() { Name = "Write a memo" });
        await Expect(editor.GetByLabel("Book")).ToHaveValueAsync(new Regex(@"^\d+$"));
        await Expect(editor.GetByLabel("Page")).ToHaveValueAsync("20");
        await editor.GetByLabel("Page").FillAsync("42");
        await editor.GetByRole(AriaRole.Checkbox, new() { Name = "Quote" }).ClickAsync();
        await Expect(editor.GetByRole(AriaRole.Checkbox, new() { Name = "Quote" })).ToHaveAttributeAsync("aria-checked", "true");
        await editor.GetByRole(AriaRole.Checkbox, new() { Name = "Character" }).ClickAsync();
        const string Hostile = "<b>bold?</b> & <img src=x onerror=\"document.title='pwned'\">";
        await editor.GetByLabel("Memo").FillAsync(new string('a', 5001));
        await Expect(editor.GetByText("5000 / 5000 characters")).ToBeVisibleAsync();
        await editor.GetByLabel("Memo").FillAsync(Hostile);
        await Expect(editor.GetByText($"{Hostile.Length} / 5000 characters")).ToBeVisibleAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(PageActions.Toast(page, "Memo saved.")).ToBeVisibleAsync();
        var memo = Memos(page).First;
        await Expect(memo).ToHaveAccessibleNameAsync(new Regex(@"^Memo at \d\d:\d\d, p\.42$"));
        await Expect(memo.GetByText(Hostile)).ToBeVisibleAsync();
        await Expect(memo.GetByRole(AriaRole.List, new() { Name = "Tags" }).GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["Quote", "Character"]);
        Assert.Equal(0, await memo.Locator("b, img").CountAsync());
        Assert.NotEqual("pwned", await page.TitleAsync());

        await memo.GetByRole(AriaRole.Button, new() { Name = "Edit Memo at" }).ClickAsync();
        var edit = page.GetByRole(AriaRole.Form, new() { Name = "Edit memo" });
        await Expect(edit.GetByLabel("Memo")).ToHaveValueAsync(Hostile);
        await edit.GetByLabel("Memo").FillAsync("Waste no more time arguing what a good man should be. Be one.");
        await edit.GetByRole(AriaRole.Checkbox, new() { Name = "Quote" }).ClickAsync();
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Memos(page).First.GetByText("Waste no more time")).ToBeVisibleAsync();
        await Expect(Memos(page).First.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["Character"]);

        await Memos(page).First.GetByRole(AriaRole.Button, new() { Name = "Delete Memo at" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog, new() { Name = "Delete memo" }).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(page.GetByText("No memos today yet. Write your first one.")).ToBeVisibleAsync();
        await Expect(Memos(page)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TodayFlow_GroupsBySessionBookAndTag_OnOneTimeline()
    {
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        var a = await user.AddBookAsync("Book A", 300, "Reading", 1);
        var b = await user.AddBookAsync("Book B", 300, "Reading", 1);
        await user.AddMemoAsync(a, "a1", PageActions.TodayAt(60), tags: ["quote"]);
        await user.AddMemoAsync(b, "b1", PageActions.TodayAt(50), tags: ["idea", "character"]);
        await user.AddMemoAsync(a, "a2", PageActions.TodayAt(40), tags: ["summary"]);
        await user.AddMemoAsync(a, "a3", PageActions.TodayAt(30));
        await user.AddMemoAsync(b, "b2", PageActions.TodayAt(20), tags: ["feeling"]);
        await user.AddMemoAsync(a, "a4", PageActions.TodayAt(10), tags: ["quote"]);
        await user.AddMemoAsync(a, "a5", PageActions.TodayAt(5), tags: ["question"]);
        var page = await fixture.NewPageAsync();
        await PageActions.LoginAsync(page, user.LoginId);
        await page.GotoAsync("/#/flow");

        // Sessions: the time line split wherever the book changes, all of the day on one list.
        await Expect(page.GetByText("7 memos")).ToBeVisibleAsync();
        await Expect(Memos(page)).ToHaveCountAsync(7);
        await Expect(GroupHeadings(page)).ToHaveTextAsync([SessionOf("Book A"), SessionOf("Book B"), SessionOf("Book A"), SessionOf("Book B"), SessionOf("Book A")]);
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Radio, new() { Name = "Book" }).CheckAsync();
        await Expect(GroupHeadings(page)).ToHaveTextAsync(["Book A", "Book B"]);
        await Expect(Memos(page).Locator(".memo-content")).ToHaveTextAsync(["a1", "a2", "a3", "a4", "a5", "b1", "b2"]);

        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Tag category" })).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Tag", Exact = true }).CheckAsync();
        await Expect(GroupHeadings(page)).ToHaveTextAsync(["Summary", "Quote", "Feeling", "Question", "Idea", "Other"]);

        await page.GetByRole(AriaRole.Radio, new() { Name = "Topic" }).CheckAsync();
        await Expect(GroupHeadings(page).First).ToHaveTextAsync("Character");
        await Expect(Memos(page).First.Locator(".memo-content")).ToHaveTextAsync("b1");
        Assert.Contains("mode=TAG", page.Url, StringComparison.Ordinal);
        Assert.Contains("tagCategory=TOPIC", page.Url, StringComparison.Ordinal);
    }

    private static Regex SessionOf(string title) => new($"^{Regex.Escape(title)} · \\d\\d:\\d\\d–\\d\\d:\\d\\d$");

    [Fact]
    public async Task Calendar_MarksDaysWithMemos_AndOpensADay_EmptyDaysSaySoInPlace()
    {
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        var book = await user.AddBookAsync("Old Diary", 200, "Reading", 5);
        await user.AddMemoAsync(book, "Written on the Ides of March", "2026-03-15T21:30:00");
        var page = await fixture.NewPageAsync();
        await PageActions.LoginAsync(page, user.LoginId);
        await page.GotoAsync("/#/flow?date=2026-03-16");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Monday, March 16, 2026" })).ToBeVisibleAsync();
        await Expect(page.GetByText("No memos were written on this day.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Write a memo" })).ToBeVisibleAsync();

        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Calendar" });
        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "March 2026" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sunday, March 15, 2026, has memos" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "has memos" })).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Monday, March 16, 2026" })).ToHaveAttributeAsync("aria-pressed", "true");

        await page.GetByRole(AriaRole.Button, new() { Name = "Previous month" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "February 2026" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next month" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sunday, March 15, 2026, has memos" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sunday, March 15, 2026" })).ToBeVisibleAsync();
        await Expect(Memos(page).GetByText("Written on the Ides of March")).ToBeVisibleAsync();
        await Expect(Memos(page).First.Locator("time")).ToHaveTextAsync("21:30");

        await page.GetByRole(AriaRole.Button, new() { Name = "Back to today" }).ClickAsync();
        await Expect(page.GetByText("No memos today yet. Write your first one.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task CloseBook_MidwayKeepsReading_AtTheLastPageAsksForFinishDetails()
    {
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        var book = await user.AddBookAsync("Short Stories", 200, "Reading", 50);
        await user.AddMemoAsync(book, "A good one.", PageActions.TodayAt(15));
        var page = await fixture.NewPageAsync();
        await PageActions.LoginAsync(page, user.LoginId);
        await page.GotoAsync("/#/flow");
        await Expect(Memos(page)).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Button, new() { Name = "Close the book" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Close the book" });
        await Expect(dialog.GetByLabel("Book")).ToHaveValueAsync(book.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await dialog.GetByLabel("Last page read").FillAsync("120");
        await Expect(dialog.GetByRole(AriaRole.Group, new() { Name = "Finishing details" })).ToBeHiddenAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close the book" }).ClickAsync();
        await Expect(PageActions.Toast(page, "Your reading session was closed. Now in: Reading.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Close the book" }).ClickAsync();
        await dialog.GetByLabel("Last page read").FillAsync("200");
        var finish = dialog.GetByRole(AriaRole.Group, new() { Name = "Finishing details" });
        await Expect(finish).ToBeVisibleAsync();
        await finish.GetByRole(AriaRole.Radio, new() { Name = "5 stars" }).CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close the book" }).ClickAsync();
        await Expect(PageActions.Toast(page, "Now in: Finished.")).ToBeVisibleAsync();
        var entry = await user.GetAsync($"/api/v1/user/books/{book}");
        Assert.Equal("Finished", entry.GetProperty("category").GetString());
        Assert.Equal(5, entry.GetProperty("rating").GetInt32());
    }
}
