using Microsoft.Playwright;
using ReadingTracker.Api.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReadingTracker.Api.BrowserTests.Screens;

/// <summary>
/// Each book's notebook on its page (issue 13): every memo by page or by date, a tag filter, paging with "load
/// more", and writing, editing and deleting right there on a finished book whose rating and review stay editable.
/// On a desktop in English and on a phone in Korean.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BookNotebookTests(BrowserFixture fixture)
{
    /// <summary>More than one page of the notebook (30), so "load more" has work to do.</summary>
    private const int MemoCount = 33;

    public static TheoryData<string, int, int> Screens => new()
    {
        { "en-US", 1280, 900 },
        { "ko-KR", 390, 844 },
    };

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task Notebook_ShowsEveryMemoByDateAndByPage_FiltersByTag_AndPagesWithLoadMore(string locale, int width, int height)
    {
        var ko = locale.StartsWith("ko", StringComparison.Ordinal);
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        var book = await AddFinishedBookAsync(user, "공책 시험", 300);
        await SeedMemosAsync(user, book);
        var page = await fixture.NewPageAsync(locale, width, height);
        await LoginAsync(page, user.LoginId, ko);

        await page.GotoAsync($"/#/book/{book}");
        var notebook = page.GetByRole(AriaRole.Region, new() { Name = ko ? "독서 노트" : "Notebook" });
        var memos = notebook.GetByRole(AriaRole.Article);
        await Expect(memos).ToHaveCountAsync(30);
        var more = notebook.GetByRole(AriaRole.Button, new() { Name = ko ? "메모 더 보기" : "Load more memos" });
        await Expect(more).ToBeVisibleAsync();
        if (ko)
        {
            // Scrolling to the end of the list loads the next page by itself.
            await page.Locator(".notebook-end").ScrollIntoViewIfNeededAsync();
        }
        else
        {
            // The button does the same for keyboards and screen readers (pressed without scrolling it into view).
            await more.DispatchEventAsync("click");
        }

        await Expect(memos).ToHaveCountAsync(MemoCount);
        await Expect(more).ToBeHiddenAsync();
        await Expect(notebook.GetByText(ko ? "메모를 모두 보여드렸습니다." : "Every memo is shown.")).ToBeVisibleAsync();

        // By date (the default): newest first, one heading per day (the memos span five days).
        await Expect(notebook.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToHaveCountAsync(5);
        var times = await memos.Locator("time").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('datetime'))");
        Assert.Equal(times.OrderByDescending(t => t, StringComparer.Ordinal), times);

        // By page: ascending pages, and the choice is kept in the address.
        await notebook.GetByRole(AriaRole.Radio, new() { Name = ko ? "페이지순" : "By page" }).CheckAsync();
        await Expect(memos).ToHaveCountAsync(MemoCount);
        var pages = (await memos.Locator(".page").AllInnerTextsAsync()).Select(p => int.Parse(p[2..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(pages.Order(), pages);
        Assert.Contains("order=page", page.Url, StringComparison.Ordinal);
        await AxeCheck.AssertCleanAsync(page, $"book notebook ({locale})");

        // One tag: only its memos (every third one carries "quote").
        await notebook.GetByRole(AriaRole.Combobox, new() { Name = ko ? "태그" : "Tag", Exact = true }).SelectOptionAsync("quote");
        await Expect(memos).ToHaveCountAsync(11);
        Assert.Contains("tag=quote", page.Url, StringComparison.Ordinal);
        await page.ReloadAsync();
        await Expect(memos).ToHaveCountAsync(11);
        await Expect(notebook.GetByRole(AriaRole.Radio, new() { Name = ko ? "페이지순" : "By page" })).ToBeCheckedAsync();

        Assert.DoesNotContain(fixture.ConsoleErrors, e => e.Contains("Content Security Policy", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task FinishedBook_TakesNewMemos_EditsAndDeletesThem_AndKeepsItsRatingEditable(string locale, int width, int height)
    {
        var ko = locale.StartsWith("ko", StringComparison.Ordinal);
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        var book = await AddFinishedBookAsync(user, "다 읽은 책", 200);
        await user.AddMemoAsync(book, "첫 메모", PageActions.TodayAt(60), page: 12);
        var page = await fixture.NewPageAsync(locale, width, height);
        await LoginAsync(page, user.LoginId, ko);
        await page.GotoAsync($"/#/book/{book}");
        var notebook = page.GetByRole(AriaRole.Region, new() { Name = ko ? "독서 노트" : "Notebook" });
        var memos = notebook.GetByRole(AriaRole.Article);
        await Expect(memos).ToHaveCountAsync(1);

        // Write: a page past the end is refused on the field, then the memo is saved and listed.
        await notebook.GetByRole(AriaRole.Button, new() { Name = ko ? "메모 작성" : "Write a memo" }).ClickAsync();
        var editor = page.GetByRole(AriaRole.Form, new() { Name = ko ? "메모 작성" : "Write a memo" });
        await editor.GetByLabel(ko ? "페이지" : "Page", new() { Exact = true }).FillAsync("201");
        await editor.GetByLabel(ko ? "메모 내용" : "Memo", new() { Exact = true }).FillAsync("다시 읽으니 결말이 달리 보인다.");
        await editor.GetByRole(AriaRole.Button, new() { Name = ko ? "저장" : "Save" }).ClickAsync();
        await Expect(editor.GetByText(ko ? "이 책은 200쪽까지 있습니다." : "This book has 200 pages.")).ToBeVisibleAsync();
        await Expect(editor.GetByLabel(ko ? "페이지" : "Page", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await editor.GetByLabel(ko ? "페이지" : "Page", new() { Exact = true }).FillAsync("150");
        await editor.GetByRole(AriaRole.Button, new() { Name = ko ? "저장" : "Save" }).ClickAsync();
        await Expect(editor).ToBeHiddenAsync();
        await Expect(memos).ToHaveCountAsync(2);
        await Expect(notebook.GetByText("다시 읽으니 결말이 달리 보인다.")).ToBeVisibleAsync();

        // Edit it in place.
        var written = memos.Filter(new() { HasText = "다시 읽으니" });
        await written.GetByRole(AriaRole.Button, new() { Name = ko ? "수정" : "Edit" }).ClickAsync();
        var edit = page.GetByRole(AriaRole.Form, new() { Name = ko ? "메모 수정" : "Edit memo" });
        await edit.GetByLabel(ko ? "메모 내용" : "Memo", new() { Exact = true }).FillAsync("세 번째 읽기: 결말이 더 슬프다.");
        await edit.GetByRole(AriaRole.Button, new() { Name = ko ? "저장" : "Save" }).ClickAsync();
        await Expect(notebook.GetByText("세 번째 읽기: 결말이 더 슬프다.")).ToBeVisibleAsync();

        // Delete it, confirmed.
        await memos.Filter(new() { HasText = "세 번째 읽기" }).GetByRole(AriaRole.Button, new() { Name = ko ? "삭제" : "Delete" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = ko ? "삭제" : "Delete" }).ClickAsync();
        await Expect(memos).ToHaveCountAsync(1);
        await Expect(notebook.GetByText("세 번째 읽기")).ToHaveCountAsync(0);

        // The rating and review of the finished book.
        await page.GetByRole(AriaRole.Button, new() { Name = ko ? "평점과 후기 수정" : "Edit rating and review" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Radio, new() { Name = ko ? "2점" : "2 stars" }).CheckAsync();
        await dialog.GetByLabel(ko ? "후기" : "Review").FillAsync("두 번째엔 덜 좋았다.");
        await AxeCheck.AssertCleanAsync(page, $"rating and review dialog ({locale})");
        await dialog.GetByRole(AriaRole.Button, new() { Name = ko ? "저장" : "Save" }).ClickAsync();
        await Expect(page.GetByText("두 번째엔 덜 좋았다.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel(ko ? "2점" : "2 stars", new() { Exact = true })).ToBeVisibleAsync();
        var saved = await user.GetAsync($"/api/v1/user/books/{book}");
        Assert.Equal(2, saved.GetProperty("rating").GetInt32());
        Assert.Equal("Finished", saved.GetProperty("category").GetString());
    }

    [Fact]
    public async Task AMemoOnTheLastPage_AsksToFinishTheBook()
    {
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        var book = await user.AddBookAsync("Short Read", 120, "Reading", 100);
        var page = await fixture.NewPageAsync();
        await PageActions.LoginAsync(page, user.LoginId);
        await page.GotoAsync($"/#/book/{book}");
        var notebook = page.GetByRole(AriaRole.Region, new() { Name = "Notebook" });
        await notebook.GetByRole(AriaRole.Button, new() { Name = "Write a memo", Exact = true }).ClickAsync();
        var editor = page.GetByRole(AriaRole.Form, new() { Name = "Write a memo" });
        await editor.GetByLabel("Page", new() { Exact = true }).FillAsync("120");
        await editor.GetByLabel("Memo", new() { Exact = true }).FillAsync("The last line.");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        var ask = page.GetByRole(AriaRole.Dialog, new() { Name = "Finish this book?" });
        await Expect(ask).ToBeVisibleAsync();
        await ask.GetByRole(AriaRole.Button, new() { Name = "Mark as finished" }).ClickAsync();
        var finish = page.GetByRole(AriaRole.Dialog, new() { Name = "Finish reading" });
        await finish.GetByRole(AriaRole.Radio, new() { Name = "5 stars" }).CheckAsync();
        await finish.GetByRole(AriaRole.Button, new() { Name = "Mark as finished" }).ClickAsync();
        await Expect(PageActions.Toast(page, "Moved to \"Finished\".")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Notebook" }).GetByText("The last line.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task BookNotebook_IsCapturedForTheReadme()
    {
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync(name: "김독서");
        var vegetarian = await user.AddBookAsync("채식주의자", 247, "Reading", 120, author: "한강");
        var day = PageActions.NowInSeoul().Date;
        await user.AddMemoAsync(vegetarian, "꿈 이야기로 시작하는 첫 장. 화자가 바뀔 때마다 같은 사건이 다르게 보인다.", PageActions.Wire(day.AddDays(-2).AddHours(21)), page: 12, tags: ["summary", "plot"]);
        await user.AddMemoAsync(vegetarian, "\"나는 이제 동물이 아니야.\"", PageActions.Wire(day.AddDays(-2).AddHours(21.5)), page: 41, tags: ["quote", "character"]);
        await user.AddMemoAsync(vegetarian, "가족이라는 이름의 폭력 — 다음 장에서 다시 보기.", PageActions.Wire(day.AddDays(-1).AddHours(22)), page: 88, tags: ["idea", "society"]);
        await user.AddMemoAsync(vegetarian, "몽고반점: 예술과 욕망의 경계를 어디에 둘 것인가?", PageActions.Wire(day.AddDays(-1).AddHours(22.3)), page: 103, tags: ["question", "philosophy"]);
        await user.AddMemoAsync(vegetarian, "언니의 시선으로 다시 보는 영혜. 가장 조용한 장.", PageActions.TodayAt(30), page: 118, tags: ["feeling", "emotion"]);

        var page = await fixture.NewPageAsync(height: 1100);
        await PageActions.LoginAsync(page, user.LoginId);
        await page.GotoAsync($"/#/book/{vegetarian}?order=page");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Notebook" }).GetByRole(AriaRole.Article)).ToHaveCountAsync(5);
        await page.WaitForTimeoutAsync(5500); // let the welcome toast go
        await PageActions.ScreenshotAsync(page, "book-notebook");
        Assert.True(new FileInfo(Path.Combine(PageActions.DocsOutput, "screenshots", "book-notebook.png")).Length > 5_000);
    }

    /// <summary>A finished book typed in by hand (start, finish, rating: what Finished needs).</summary>
    internal static async Task<long> AddFinishedBookAsync(ApiSeeder user, string title, int pages, string started = "2026-01-02", string finished = "2026-02-01", int rating = 4)
    {
        var added = await user.PostAsync("/api/v1/user/books", new
        {
            title, author = "작가", totalPages = pages, category = "Finished",
            readingStartDate = started, readingFinishedDate = finished, rating, review = "좋았다",
        });
        return added.GetProperty("userBookId").GetInt64();
    }

    /// <summary>33 memos over five days on scattered pages; every third one is a "quote".</summary>
    private static async Task SeedMemosAsync(ApiSeeder user, long book)
    {
        var today = PageActions.NowInSeoul().Date;
        for (var i = 0; i < MemoCount; i++)
        {
            var at = today.AddDays(-(i % 5) - 1).AddHours(8).AddMinutes(i);
            await user.AddMemoAsync(book, $"메모 {i}", PageActions.Wire(at), page: 1 + (i * 37 % 290), tags: i % 3 == 0 ? ["quote"] : ["summary"]);
        }
    }

    /// <summary>Logs in through the screen in the page's own language.</summary>
    internal static async Task LoginAsync(IPage page, string loginId, bool ko)
    {
        if (!ko)
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
}
