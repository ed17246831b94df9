using Microsoft.Playwright;
using ReadingTracker.Api.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReadingTracker.Api.BrowserTests.Screens;

/// <summary>
/// Issue 13's shelf: what each card offers in its state, the date sorts, Delete behind a "⋯" menu, adding a book by
/// hand when search is down, and a sign-up that signs in. On a desktop in English and on a phone in Korean.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ShelfCardTests(BrowserFixture fixture)
{
    public static TheoryData<string, int, int> Screens => new()
    {
        { "en-US", 1280, 900 },
        { "ko-KR", 390, 844 },
    };

    private static string L(bool ko, string en, string korean) => ko ? korean : en;

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task ReadingCards_UpdateProgress_AndOpenTheComposerOnTheBook(string locale, int width, int height)
    {
        var ko = locale.StartsWith("ko", StringComparison.Ordinal);
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        var book = await user.AddBookAsync("읽는 책", 300, "Reading", 10);
        var page = await fixture.NewPageAsync(locale, width, height);
        await BookNotebookTests.LoginAsync(page, user.LoginId, ko);

        var panel = page.GetByRole(AriaRole.Tabpanel);
        await panel.GetByRole(AriaRole.Button, new() { Name = L(ko, "Update progress of 읽는 책", "읽는 책 진도 기록") }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var pages = dialog.GetByLabel(L(ko, "Pages read", "읽은 페이지"));
        await Expect(pages).ToBeFocusedAsync();
        await pages.FillAsync("301");
        await dialog.GetByRole(AriaRole.Button, new() { Name = L(ko, "Save", "저장") }).ClickAsync();
        await Expect(dialog.GetByText(L(ko, "This book has 300 pages.", "이 책은 300쪽까지 있습니다."))).ToBeVisibleAsync();
        await pages.FillAsync("120");
        await dialog.GetByRole(AriaRole.Button, new() { Name = L(ko, "Save", "저장") }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(panel.GetByText("40%")).ToBeVisibleAsync();
        Assert.Equal(120, (await user.GetAsync($"/api/v1/user/books/{book}")).GetProperty("readingProgress").GetInt32());

        await panel.GetByRole(AriaRole.Button, new() { Name = L(ko, "Write a memo on 읽는 책", "읽는 책에 메모 작성") }).ClickAsync();
        var editor = page.GetByRole(AriaRole.Form, new() { Name = L(ko, "Write a memo", "메모 작성") });
        await Expect(editor).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "읽는 책", Level = 1 })).ToBeVisibleAsync();
        await editor.GetByLabel(L(ko, "Memo", "메모 내용"), new() { Exact = true }).FillAsync("책장에서 바로 쓴 메모");
        await editor.GetByRole(AriaRole.Button, new() { Name = L(ko, "Save", "저장") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = L(ko, "Notebook", "독서 노트") }).GetByText("책장에서 바로 쓴 메모")).ToBeVisibleAsync();
        Assert.DoesNotContain("write=", page.Url, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task FinishedCards_ShowRatingAndFinishDate_AndSortByDate(string locale, int width, int height)
    {
        var ko = locale.StartsWith("ko", StringComparison.Ordinal);
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        // Titles in alphabetical order are none of the date orders below.
        await BookNotebookTests.AddFinishedBookAsync(user, "Alpha", 100, started: "2026-03-01", finished: "2026-03-20", rating: 5);
        await BookNotebookTests.AddFinishedBookAsync(user, "Beta", 100, started: "2026-05-01", finished: "2026-05-10", rating: 3);
        await BookNotebookTests.AddFinishedBookAsync(user, "Gamma", 100, started: "2026-04-01", finished: "2026-06-01", rating: 4);
        var page = await fixture.NewPageAsync(locale, width, height);
        await BookNotebookTests.LoginAsync(page, user.LoginId, ko);

        await page.GetByRole(AriaRole.Tab, new() { Name = L(ko, "Finished", "완독"), Exact = true }).ClickAsync();
        var panel = page.GetByRole(AriaRole.Tabpanel);
        var titles = panel.GetByRole(AriaRole.Heading, new() { Level = 2 });
        await Expect(titles).ToHaveTextAsync(["Alpha", "Beta", "Gamma"]);
        var beta = panel.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Beta" }) });
        await Expect(beta.GetByRole(AriaRole.Img, new() { Name = L(ko, "3 stars", "3점") })).ToBeVisibleAsync();
        await Expect(beta.GetByText(L(ko, "Finished on May 10, 2026", "2026년 5월 10일 완독"))).ToBeVisibleAsync();
        await Expect(beta.GetByRole(AriaRole.Button, new() { Name = L(ko, "Update progress", "진도 기록") })).ToHaveCountAsync(0);

        var sort = page.GetByLabel(L(ko, "Sort by", "정렬"), new() { Exact = true });
        await sort.SelectOptionAsync("finished");
        await Expect(titles).ToHaveTextAsync(["Gamma", "Beta", "Alpha"]);
        await sort.SelectOptionAsync("started");
        await Expect(titles).ToHaveTextAsync(["Beta", "Gamma", "Alpha"]);
        Assert.Contains("sort=started", page.Url, StringComparison.Ordinal);
        await AxeCheck.AssertCleanAsync(page, $"shelf, finished tab ({locale})");
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task Delete_IsBehindAKeyboardMenu_AndAConfirmation(string locale, int width, int height)
    {
        var ko = locale.StartsWith("ko", StringComparison.Ordinal);
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        await user.AddBookAsync("지울 책", 100, "Reading", 10);
        await user.AddBookAsync("남을 책", 100, "Reading", 10);
        var page = await fixture.NewPageAsync(locale, width, height);
        await BookNotebookTests.LoginAsync(page, user.LoginId, ko);

        var panel = page.GetByRole(AriaRole.Tabpanel);
        await Expect(panel.GetByRole(AriaRole.Button, new() { Name = L(ko, "Delete", "삭제") })).ToHaveCountAsync(0);
        var more = panel.GetByRole(AriaRole.Button, new() { Name = L(ko, "More actions for 지울 책", "지울 책 더 보기") });
        await Expect(more).ToHaveAttributeAsync("aria-haspopup", "menu");
        await Expect(more).ToHaveAttributeAsync("aria-expanded", "false");

        // Keyboard: Enter opens on the first item, arrows move, Escape closes back onto the button.
        await more.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var menu = page.GetByRole(AriaRole.Menu, new() { Name = L(ko, "More actions for 지울 책", "지울 책 더 보기") });
        await Expect(menu).ToBeVisibleAsync();
        await Expect(more).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(menu.GetByRole(AriaRole.Menuitem, new() { Name = L(ko, "Open", "열기") })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        var remove = menu.GetByRole(AriaRole.Menuitem, new() { Name = L(ko, "Remove from shelf", "서재에서 빼기") });
        await Expect(remove).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(menu.GetByRole(AriaRole.Menuitem, new() { Name = L(ko, "Open", "열기") })).ToBeFocusedAsync();
        await AxeCheck.AssertCleanAsync(page, $"shelf with the card menu open ({locale})");
        await page.Keyboard.PressAsync("Escape");
        await Expect(menu).ToBeHiddenAsync();
        await Expect(more).ToBeFocusedAsync();

        // Cancel keeps the book; Delete removes it.
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(remove).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = L(ko, "Remove from shelf", "서재에서 삭제") });
        await Expect(confirm.GetByRole(AriaRole.Button, new() { Name = L(ko, "Cancel", "취소") })).ToBeFocusedAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = L(ko, "Cancel", "취소") }).ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Link, new() { Name = "지울 책", Exact = true })).ToBeVisibleAsync();
        await more.ClickAsync();
        await remove.ClickAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = L(ko, "Delete", "삭제") }).ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Link, new() { Name = "지울 책", Exact = true })).ToHaveCountAsync(0);
        await Expect(panel.GetByRole(AriaRole.Link, new() { Name = "남을 책", Exact = true })).ToBeVisibleAsync();
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task WhenSearchIsDown_ABookIsAddedByHandFromItsErrorBox(string locale, int width, int height)
    {
        var ko = locale.StartsWith("ko", StringComparison.Ordinal);
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        var page = await fixture.NewPageAsync(locale, width, height);
        await BookNotebookTests.LoginAsync(page, user.LoginId, ko);

        // From the shelf: one click.
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = L(ko, "Add a book by hand", "직접 책 추가하기") }).First).ToHaveAttributeAsync("href", "#/add");

        await page.GotoAsync("/#/search");
        var search = page.GetByRole(AriaRole.Search);
        await search.GetByLabel(L(ko, "Search text", "검색어")).FillAsync("boom");
        await search.GetByRole(AriaRole.Button, new() { Name = L(ko, "Search", "검색") }).ClickAsync();
        var error = page.GetByRole(AriaRole.Alert);
        await Expect(error.GetByRole(AriaRole.Button, new() { Name = L(ko, "Try again", "다시 시도") })).ToBeVisibleAsync();
        await AxeCheck.AssertCleanAsync(page, $"search with the provider down ({locale})");
        await error.GetByRole(AriaRole.Link, new() { Name = L(ko, "Add a book by hand", "직접 책 추가하기") }).ClickAsync();

        await page.GetByLabel(L(ko, "Title", "제목"), new() { Exact = true }).FillAsync("손으로 넣은 책");
        await page.GetByLabel(L(ko, "Author", "저자"), new() { Exact = true }).FillAsync("누군가");
        await page.GetByLabel(L(ko, "Total pages", "전체 페이지 수")).FillAsync("180");
        await AxeCheck.AssertCleanAsync(page, $"add a book by hand ({locale})");
        await page.GetByRole(AriaRole.Button, new() { Name = L(ko, "Add to shelf", "서재에 저장") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "손으로 넣은 책", Level = 1 })).ToBeVisibleAsync();
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task SigningUp_SignsTheReaderIn_AndLandsOnTheShelf(string locale, int width, int height)
    {
        var ko = locale.StartsWith("ko", StringComparison.Ordinal);
        var loginId = ApiSeeder.NewLoginId("s");
        var page = await fixture.NewPageAsync(locale, width, height);
        await page.GotoAsync("/#/signup");
        await page.GetByLabel(L(ko, "Login id", "아이디")).FillAsync(loginId);
        await page.GetByLabel(L(ko, "Email", "이메일")).FillAsync($"{loginId}@example.com");
        await page.GetByLabel(L(ko, "Name", "이름"), new() { Exact = true }).FillAsync("새 독자");
        await page.GetByLabel(L(ko, "Password", "비밀번호"), new() { Exact = true }).FillAsync(ApiSeeder.Password);
        await page.GetByLabel(L(ko, "Confirm password", "비밀번호 확인")).FillAsync(ApiSeeder.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = L(ko, "Create account", "가입하기") }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = L(ko, "My shelf", "내 서재"), Level = 1 })).ToBeVisibleAsync();
        await Expect(PageActions.Toast(page, L(ko, "Welcome, 새 독자.", "새 독자님, 환영합니다."))).ToBeVisibleAsync();
        Assert.Contains("#/shelf", page.Url, StringComparison.Ordinal);
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = L(ko, "My shelf", "내 서재"), Level = 1 })).ToBeVisibleAsync();
    }
}
