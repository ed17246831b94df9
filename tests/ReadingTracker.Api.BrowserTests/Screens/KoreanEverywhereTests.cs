using Microsoft.Playwright;
using ReadingTracker.Api.BrowserTests.Infrastructure;
using ReadingTracker.Api.BrowserTests.Offline.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReadingTracker.Api.BrowserTests.Screens;

/// <summary>
/// Walks every screen in Korean, dialogs and banners included, and fails on any visible UI text without a
/// Korean letter (text nodes, aria-label, title, placeholder), and on any axe-core violation. Exempt: user data
/// (seeded in Hangul), ISBNs, "p.", numbers, provider names and the product name; text inside an element that
/// names another language (the language switch). A new screen is one line in <see cref="SignedInWalk"/>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KoreanEverywhereTests(BrowserFixture fixture, OfflineServer server) : IClassFixture<OfflineServer>
{
    /// <summary>Visible UI text with Latin letters and no Hangul, after the exempt words; "where: text" each.</summary>
    private const string LatinOnlyScan = """
        () => {
          const exempt = ['Reading Tracker', 'Aladin', 'Open Library', 'ISBN'];
          const strip = (s) => exempt.reduce((x, e) => x.split(e).join(' '), s)
            .replace(/\bp\.\s?\d+/g, ' ').replace(/\b\d{10,13}\b/g, ' ').replace(/\b(am|pm|AM|PM)\b/g, ' ');
          const bad = (s) => /[A-Za-z]/.test(strip(s)) && !/[\u3131-\u318E\uAC00-\uD7A3]/.test(s);
          const foreign = (el) => el.closest('[lang]:not([lang="ko"])') !== null;
          const userData = (el) => el.closest('[data-user-data]') !== null;
          const visible = (el) => (el.closest('select') ?? el).checkVisibility({ visibilityProperty: true });
          const where = (el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''}`;
          const found = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const el = n.parentElement;
            const text = n.textContent.trim();
            if (!text || !el || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(el.tagName)) continue;
            if (el.tagName === 'OPTION' && !el.selected) continue;
            if (foreign(el) || userData(el) || !visible(el)) continue;
            if (bad(text)) found.push(`${where(el)}: ${text}`);
          }
          for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder]')) {
            if (foreign(el) || !visible(el)) continue;
            for (const name of ['aria-label', 'title', 'placeholder']) {
              const value = el.getAttribute(name);
              if (value && bad(value)) found.push(`${where(el)}[${name}]: ${value}`);
            }
          }
          if (bad(document.title)) found.push(`title: ${document.title}`);
          return found;
        }
        """;

    private readonly List<string> _problems = [];

    /// <summary>
    /// Checks the page as it is now: Latin-only UI text, and (with <paramref name="axe"/>) axe-core violations,
    /// under the step's name. axe runs at one width: the phone layout is the same DOM, and a walk with axe at
    /// every step takes minutes on a shared machine.
    /// </summary>
    private async Task CheckAsync(IPage page, string step, bool axe)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Expect(page.Locator(".loading")).ToHaveCountAsync(0);
        Assert.Equal("ko", await page.GetAttributeAsync("html", "lang"));
        foreach (var text in await page.EvaluateAsync<string[]>(LatinOnlyScan))
        {
            _problems.Add($"{step} — English: {text}");
        }

        if (!axe)
        {
            return;
        }

        foreach (var violation in await AxeCheck.ViolationsAsync(page))
        {
            _problems.Add($"{step} — axe {violation}");
        }
    }

    private sealed record Walk(ApiSeeder Reader, long ToRead, long Reading, long Almost, long Finished, string OwnTag);

    /// <summary>One line per screen or state: its name and how to get there from anywhere while signed in.</summary>
    private static readonly (string Name, Func<IPage, Walk, Task> Open)[] SignedInWalk =
    [
        ("home", (p, _) => GoAsync(p, "/#/")),
        ("shelf: to read", (p, _) => GoAsync(p, "/#/shelf?tab=ToRead")),
        ("shelf: reading", (p, _) => GoAsync(p, "/#/shelf?tab=Reading")),
        ("shelf: almost finished", (p, _) => GoAsync(p, "/#/shelf?tab=AlmostFinished")),
        ("shelf: finished", (p, _) => GoAsync(p, "/#/shelf?tab=Finished")),
        ("shelf: card menu", async (p, _) => { await GoAsync(p, "/#/shelf?tab=Finished"); await p.Locator(".book-card [aria-haspopup]").First.ClickAsync(); }),
        ("shelf: delete dialog", async (p, _) => { await GoAsync(p, "/#/shelf?tab=Finished"); await p.Locator(".book-card [aria-haspopup]").First.ClickAsync(); await p.GetByRole(AriaRole.Menuitem, new() { Name = "서재에서 빼기" }).ClickAsync(); await DialogAsync(p); }),
        ("shelf: sorted by date started", (p, _) => GoAsync(p, "/#/shelf?tab=Reading&sort=started")),
        ("shelf: update progress dialog", async (p, _) => { await GoAsync(p, "/#/shelf?tab=Reading"); await p.Locator(".book-card").GetByRole(AriaRole.Button, new() { Name = "진도 기록" }).First.ClickAsync(); await DialogAsync(p); }),
        ("shelf: write a memo", async (p, _) => { await GoAsync(p, "/#/shelf?tab=Reading"); await p.Locator(".book-card").GetByRole(AriaRole.Button, new() { Name = "메모 작성" }).First.ClickAsync(); await p.Locator("form.memo-editor").WaitForAsync(); }),
        ("book: to read", (p, w) => GoAsync(p, $"/#/book/{w.ToRead}")),
        ("book: start dialog", async (p, w) => { await GoAsync(p, $"/#/book/{w.ToRead}"); await p.GetByRole(AriaRole.Button, new() { Name = "독서 시작하기" }).First.ClickAsync(); await DialogAsync(p); }),
        ("book: reading", (p, w) => GoAsync(p, $"/#/book/{w.Reading}")),
        ("book: finish dialog", async (p, w) => { await GoAsync(p, $"/#/book/{w.Reading}"); await p.GetByRole(AriaRole.Button, new() { Name = "완독 처리" }).First.ClickAsync(); await DialogAsync(p); }),
        ("book: finished", (p, w) => GoAsync(p, $"/#/book/{w.Finished}")),
        ("book: rating and review dialog", async (p, w) => { await GoAsync(p, $"/#/book/{w.Finished}"); await p.GetByRole(AriaRole.Button, new() { Name = "평점과 후기 수정" }).ClickAsync(); await DialogAsync(p); }),
        ("notebook: by date", (p, w) => GoAsync(p, $"/#/book/{w.Reading}")),
        ("notebook: by page", (p, w) => GoAsync(p, $"/#/book/{w.Reading}?order=page")),
        ("notebook: one tag", (p, w) => GoAsync(p, $"/#/book/{w.Reading}?order=page&tag=character")),
        ("notebook: own tag", (p, w) => GoAsync(p, $"/#/book/{w.Reading}?tag={w.OwnTag}")),
        ("notebook: a tag with no memo", (p, w) => GoAsync(p, $"/#/book/{w.Reading}?tag=action")),
        ("notebook: composer", async (p, w) => { await GoAsync(p, $"/#/book/{w.Reading}"); await p.Locator(".notebook").GetByRole(AriaRole.Button, new() { Name = "메모 작성", Exact = true }).ClickAsync(); }),
        ("notebook: edit a memo", async (p, w) => { await GoAsync(p, $"/#/book/{w.Reading}"); await p.Locator(".notebook").GetByRole(AriaRole.Button, new() { Name = "수정" }).First.ClickAsync(); }),
        ("notebook: on a finished book", (p, w) => GoAsync(p, $"/#/book/{w.Finished}?order=page")),
        ("book from search", (p, _) => GoAsync(p, "/#/book?isbn=9788936434120")),
        ("search: results", (p, _) => GoAsync(p, "/#/search?q=한강&type=AUTHOR")),
        ("add by hand", (p, _) => GoAsync(p, "/#/add")),
        ("today flow: sessions", (p, _) => GoAsync(p, "/#/flow")),
        ("today flow: by book", (p, _) => GoAsync(p, "/#/flow?mode=BOOK")),
        ("today flow: topics", (p, _) => GoAsync(p, "/#/flow?mode=TAG&tagCategory=TOPIC")),
        ("today flow: memo editor", async (p, _) => { await GoAsync(p, "/#/flow"); await p.GetByRole(AriaRole.Button, new() { Name = "메모 작성" }).First.ClickAsync(); }),
        ("composer: tags and time open", async (p, _) => { await GoAsync(p, "/#/flow"); await p.GetByRole(AriaRole.Button, new() { Name = "메모 작성" }).First.ClickAsync(); await OpenComposerPartsAsync(p); }),
        ("composer: which book", (p, _) => GoAsync(p, "/#/flow?write=ask")),
        ("composer: on a past day", async (p, _) => { await GoAsync(p, "/#/flow?date=2026-01-02"); await p.GetByRole(AriaRole.Button, new() { Name = "메모 작성" }).First.ClickAsync(); await OpenComposerPartsAsync(p); }),
        ("composer: discard question", async (p, _) => { await GoAsync(p, "/#/flow"); await p.GetByRole(AriaRole.Button, new() { Name = "메모 작성" }).First.ClickAsync(); await p.Locator("form.memo-editor textarea").FillAsync("버릴 메모"); await p.Locator("form.memo-editor textarea").PressAsync("Escape"); await DialogAsync(p); }),
        ("today flow: edit a memo", async (p, _) => { await GoAsync(p, "/#/flow"); await p.GetByRole(AriaRole.Button, new() { Name = "수정" }).First.ClickAsync(); }),
        ("today flow: delete a memo", async (p, _) => { await GoAsync(p, "/#/flow"); await p.GetByRole(AriaRole.Button, new() { Name = "삭제" }).First.ClickAsync(); await DialogAsync(p); }),
        ("today flow: close the book", async (p, _) => { await GoAsync(p, "/#/flow"); await p.GetByRole(AriaRole.Button, new() { Name = "책 덮기" }).First.ClickAsync(); await DialogAsync(p); }),
        ("today flow: calendar", async (p, _) => { await GoAsync(p, "/#/flow"); await p.GetByRole(AriaRole.Button, new() { Name = "달력" }).First.ClickAsync(); }),
        ("today flow: another day", (p, _) => GoAsync(p, "/#/flow?date=2026-01-02")),
        ("today flow: yesterday", async (p, _) => { await GoAsync(p, "/#/flow"); await p.GetByRole(AriaRole.Button, new() { Name = "전날" }).ClickAsync(); await Expect(p.Locator("main h1")).ToHaveTextAsync("어제"); }),
        ("today flow: type tags", (p, _) => GoAsync(p, "/#/flow?mode=TAG&tagCategory=TYPE")),
        ("profile", (p, _) => GoAsync(p, "/#/profile")),
        ("my tags", (p, _) => GoAsync(p, "/#/tags")),
        ("my tags: edit dialog", async (p, _) => { await GoAsync(p, "/#/tags"); await p.GetByRole(AriaRole.Button, new() { Name = "밑줄 문장 태그 수정" }).ClickAsync(); await DialogAsync(p); }),
        ("my tags: merge dialog", async (p, _) => { await GoAsync(p, "/#/tags"); await p.GetByRole(AriaRole.Button, new() { Name = "밑줄 문장 태그 합치기" }).ClickAsync(); await DialogAsync(p); }),
        ("my tags: delete dialog", async (p, _) => { await GoAsync(p, "/#/tags"); await p.GetByRole(AriaRole.Button, new() { Name = "밑줄 문장 태그 삭제" }).ClickAsync(); await DialogAsync(p); }),
        ("tag page", (p, _) => GoAsync(p, "/#/tag/character")),
        ("tag page: own tag", (p, w) => GoAsync(p, $"/#/tag/{w.OwnTag}")),
        ("tag page: no memos", (p, _) => GoAsync(p, "/#/tag/action")),
        ("statistics", (p, _) => GoAsync(p, "/#/stats")),
        ("statistics: tables open", async (p, _) => { await GoAsync(p, "/#/stats"); foreach (var summary in await p.Locator("details.chart-table summary").AllAsync()) { await summary.ClickAsync(); } }),
        ("statistics: an empty year", (p, _) => GoAsync(p, "/#/stats?year=2001")),
        ("not found", (p, _) => GoAsync(p, "/#/no-such-screen")),
    ];

    /// <summary>Waits for the dialog a step opened (some load their code on first use), so the check sees it and Escape closes it.</summary>
    private static Task DialogAsync(IPage page) => Expect(page.Locator("dialog[open]")).ToBeVisibleAsync();

    /// <summary>Opens the composer's folded parts: the tags (folded on phones) and the date and time field.</summary>
    private static async Task OpenComposerPartsAsync(IPage page)
    {
        var editor = page.Locator("form.memo-editor");
        var tags = editor.Locator(".composer-tags-toggle");
        if (await tags.GetAttributeAsync("aria-expanded") == "false")
        {
            await tags.ClickAsync();
        }

        await editor.Locator(".composer-when-toggle").ClickAsync();
        await Expect(editor.GetByLabel("날짜와 시간", new() { Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>The screens of a reader who is not signed in.</summary>
    private static readonly (string Name, string Route)[] GuestWalk =
    [
        ("guest: home", "/#/"),
        ("guest: login", "/#/login"),
        ("guest: signup", "/#/signup"),
        ("guest: recover", "/#/recover"),
        ("guest: reset without a link", "/#/reset"),
        ("guest: search results", "/#/search?q=채식주의자"),
    ];

    /// <summary>Opens a route and waits for its own screen: the heading of the screen before is marked, and must be gone.</summary>
    private static async Task GoAsync(IPage page, string route)
    {
        await page.EvaluateAsync("() => document.querySelectorAll('h1').forEach((h) => h.setAttribute('data-walked', ''))");
        if (page.Url.EndsWith(route, StringComparison.Ordinal))
        {
            await page.ReloadAsync(); // the same hash again would not change the screen
        }
        else
        {
            await page.GotoAsync(route);
        }

        await Expect(page.Locator("main h1:not([data-walked])")).ToBeVisibleAsync();
    }

    private async Task<Walk> SeedAsync()
    {
        var reader = await new ApiSeeder(server.DirectUrl).SignUpAndLoginAsync(name: "김독자");
        var toRead = await reader.AddBookAsync("아직 펼치지 않은 책", 320, author: "한 작가");
        var reading = await reader.AddBookAsync("읽고 있는 책", 300, "Reading", 40, author: "두 작가");
        var almost = await reader.AddBookAsync("거의 다 읽은 책", 200, "AlmostFinished", 180, author: "세 작가");
        var finished = await reader.AddBookAsync("다 읽은 책", 150, author: "네 작가");
        await reader.PutAsync($"/api/v1/user/books/{finished}", new { category = "Finished", readingStartDate = "2026-01-01", readingFinishedDate = "2026-01-20", readingProgress = 150, rating = 4, review = "좋았다" });
        await reader.AddMemoAsync(reading, "첫 번째 메모입니다.", PageActions.TodayAt(30), page: 41, tags: ["quote", "character"]);
        await reader.AddMemoAsync(reading, "두 번째 메모입니다.", PageActions.TodayAt(20), page: 45, tags: ["summary"]);
        await reader.AddMemoAsync(almost, "다른 책의 메모입니다.", PageActions.TodayAt(10), page: 181, tags: ["feeling", "plot"]);
        await reader.AddMemoAsync(reading, "지난달 메모입니다.", "2026-01-02T21:00:00", page: 30, tags: ["character"]);
        await reader.AddMemoAsync(finished, "다 읽은 책의 메모입니다.", "2026-01-15T22:00:00", page: 120, tags: ["lesson"], tagCategory: "TOPIC");
        var ownTag = (await reader.PostAsync("/api/v1/tags/mine", new { name = "밑줄 문장", category = "TOPIC" })).GetProperty("code").GetString()!;
        await reader.AddMemoAsync(reading, "내 태그가 붙은 메모입니다.", PageActions.TodayAt(5), page: 46, tags: ["quote", ownTag]);
        return new Walk(reader, toRead, reading, almost, finished, ownTag);
    }

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task EveryScreen_InKorean_ShowsNoEnglishUiText_AndAxeFindsNothing(int width, int height)
    {
        var axe = width >= 1024;
        var walk = await SeedAsync();
        using var reader = walk.Reader;
        var context = await fixture.Browser.NewContextAsync(new()
        {
            BaseURL = server.Url, Locale = "ko-KR", TimezoneId = "Asia/Seoul", ViewportSize = new() { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();

        foreach (var (name, route) in GuestWalk)
        {
            await GoAsync(page, route);
            await CheckAsync(page, name, axe);
        }

        await page.GotoAsync("/#/login");
        await page.GetByLabel("아이디").FillAsync(reader.LoginId);
        await page.GetByLabel("비밀번호", new() { Exact = true }).FillAsync(ApiSeeder.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "로그인", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "내 서재", Level = 1 })).ToBeVisibleAsync();

        foreach (var (name, open) in SignedInWalk)
        {
            await open(page, walk);
            await CheckAsync(page, name, axe);
            await page.Keyboard.PressAsync("Escape");
            await Expect(page.Locator("dialog[open]")).ToHaveCountAsync(0);
        }

        // Book search with its provider down: the search screen says so, in Korean.
        server.BookProvider.Stop();
        try
        {
            // A query nobody asked before: the server's search cache cannot answer it.
            await GoAsync(page, $"/#/search?q=검색불가{width}");
            await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
            await CheckAsync(page, "search: provider down", axe);
        }
        finally
        {
            await server.RestoreBookProviderAsync();
        }

        // Offline with a memo waiting: the banner, in Korean.
        await GoAsync(page, "/#/flow");
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
        await context.SetOfflineAsync(true);
        await page.GetByRole(AriaRole.Button, new() { Name = "메모 작성" }).First.ClickAsync();
        var editor = page.GetByRole(AriaRole.Form, new() { Name = "메모 작성" });
        await editor.GetByLabel("메모 내용").FillAsync("오프라인에서 쓴 메모");
        await editor.GetByRole(AriaRole.Button, new() { Name = "저장" }).ClickAsync();
        await Expect(page.Locator("#net-status")).ToBeVisibleAsync();
        await CheckAsync(page, "offline banner", axe);
        await context.SetOfflineAsync(false);

        await context.CloseAsync();
        Assert.True(_problems.Count == 0, $"{_problems.Count} problems at {width}×{height}:\n" + string.Join("\n", _problems));
    }
}
