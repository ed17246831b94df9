using System.Text.Json;
using Microsoft.Playwright;
using ReadingTracker.Api.BrowserTests.Infrastructure;
using ReadingTracker.Api.BrowserTests.Offline.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static ReadingTracker.Api.BrowserTests.Offline.Infrastructure.OfflineSteps;

namespace ReadingTracker.Api.BrowserTests.Screens;

/// <summary>
/// Calm status (issue 13): book search's state shows on the search screen only, the connection line only while
/// memos wait, toasts coalesce with at most two at once and never over the editor, and a memo the server refuses
/// shows on the memo without a "failed to sync" toast. Desktop in English, phone in Korean.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CalmStatusTests(BrowserFixture fixture, OfflineServer server) : IClassFixture<OfflineServer>
{
    private static readonly Dictionary<string, Dictionary<string, string>> Words = new()
    {
        ["en"] = new()
        {
            ["flow"] = "Today flow", ["write"] = "Write a memo", ["content"] = "Memo", ["save"] = "Save", ["providerDown"] = "Book search cannot reach its provider",
            ["waiting1"] = "1 memo waiting to sync", ["saved3"] = "3 memos saved.", ["failed"] = "failed to sync", ["notSaved"] = "Not saved", ["synced"] = "synced",
        },
        ["ko"] = new()
        {
            ["flow"] = "오늘의 흐름", ["write"] = "메모 작성", ["content"] = "메모 내용", ["save"] = "저장", ["providerDown"] = "책 검색 서비스에 연결할 수 없어",
            ["waiting1"] = "전송 대기 중인 메모 1개", ["saved3"] = "메모 3개를 저장했습니다.", ["failed"] = "보내지 못했습니다", ["notSaved"] = "저장되지 않음", ["synced"] = "서버에 보냈습니다",
        },
    };

    /// <summary>Records every toast text and status line the page ever shows: a later check cannot miss one that came and went.</summary>
    private const string RecordStatus = """
        (() => {
          const seen = window.__seen = { toasts: [], lines: [] };
          const look = () => {
            for (const t of document.querySelectorAll('#toasts .toast')) if (!seen.toasts.includes(t.textContent)) seen.toasts.push(t.textContent);
            const line = document.getElementById('net-status');
            if (line && !line.hidden && line.textContent && !seen.lines.includes(line.textContent)) seen.lines.push(line.textContent);
          };
          new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['hidden'] });
        })();
        """;

    private static Task<string[]> SeenAsync(IPage page, string what) => page.EvaluateAsync<string[]>($"() => window.__seen.{what}");

    private async Task<(IPage Page, ApiSeeder Reader, Dictionary<string, string> W)> OpenAsync(string language, int width, bool workers = true)
    {
        var reader = await new ApiSeeder(server.DirectUrl).SignUpAndLoginAsync();
        await reader.AddBookAsync("Calm Book", 300, "Reading", 5);
        var context = await fixture.Browser.NewContextAsync(new()
        {
            BaseURL = server.Url, Locale = "en-US", TimezoneId = "Asia/Seoul", ViewportSize = new() { Width = width, Height = width < 600 ? 780 : 900 },
            ServiceWorkers = workers ? ServiceWorkerPolicy.Allow : ServiceWorkerPolicy.Block,
        });
        context.SetDefaultTimeout(15_000);
        await context.AddInitScriptAsync(RecordStatus);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => fixture.ConsoleErrors.Add(error);
        await PageActions.LoginAsync(page, reader.LoginId);
        if (language == "ko")
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "한국어 (Change language)" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "내 서재", Level = 1 })).ToBeVisibleAsync();
        }

        return (page, reader, Words[language]);
    }

    private static async Task WriteAsync(IPage page, Dictionary<string, string> w, string content)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = w["write"] }).First.ClickAsync();
        var editor = page.GetByRole(AriaRole.Form, new() { Name = w["write"] });
        await editor.GetByLabel(w["content"]).FillAsync(content);
        await editor.GetByRole(AriaRole.Button, new() { Name = w["save"] }).ClickAsync();
        await Expect(editor).ToBeHiddenAsync();
    }

    /// <summary>Opens the today flow and waits for it: until then the shelf is still shown, and its cards have "Write a memo" buttons too.</summary>
    private static async Task OpenFlowAsync(IPage page)
    {
        await page.GotoAsync("/#/flow");
        await Expect(page.Locator("main #flow-date")).ToBeVisibleAsync();
    }

    private static ILocator Toasts(IPage page) => page.Locator("#toasts .toast");

    [Theory]
    [InlineData("en", 1280)]
    [InlineData("ko", 390)]
    public async Task WithBookSearchDown_NoScreenButSearchSaysSo_NoToastAndNoBanner(string language, int width)
    {
        server.BookProvider.Stop();
        try
        {
            var (page, reader, w) = await OpenAsync(language, width);
            using var _ = reader;
            await page.ReloadAsync();
            // The network monitor's second phase has found the provider down.
            await page.WaitForFunctionAsync("async () => (await import('/js/offline/current.js')).networkState().searchAvailable === false");
            await OpenFlowAsync(page);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            // A search nobody asked before (the server's cache cannot answer it) meets the provider down.
            await page.GotoAsync($"/#/search?q=calm{language}{width}");
            await Expect(page.Locator(".provider-note")).ToContainTextAsync(w["providerDown"]);
            Assert.Empty(await SeenAsync(page, "toasts"));
            Assert.Empty(await SeenAsync(page, "lines"));
            await page.Context.CloseAsync();
        }
        finally
        {
            await server.RestoreBookProviderAsync();
        }
    }

    [Theory]
    [InlineData("en", 1280)]
    [InlineData("ko", 390)]
    public async Task ConnectionLine_ShowsOnlyWhileMemosWait(string language, int width)
    {
        var (page, reader, w) = await OpenAsync(language, width);
        using var _ = reader;
        var userId = await UserIdAsync(page);
        await OpenFlowAsync(page);
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
        await page.Context.SetOfflineAsync(true);
        await page.WaitForFunctionAsync("async () => (await import('/js/offline/current.js')).networkState().online === false");
        Assert.Empty(await SeenAsync(page, "lines"));

        await WriteAsync(page, w, "written offline");
        await Expect(page.Locator("#net-status")).ToContainTextAsync(w["waiting1"]);

        await page.Context.SetOfflineAsync(false);
        await WaitForEmptyQueueAsync(page, userId);
        await Expect(page.Locator("#net-status")).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("en", 1280)]
    [InlineData("ko", 390)]
    public async Task Toasts_Coalesce_AtMostTwoShow_AndNeverCoverTheEditor(string language, int width)
    {
        var (page, reader, w) = await OpenAsync(language, width);
        using var _ = reader;
        await OpenFlowAsync(page);
        for (var i = 1; i <= 3; i++)
        {
            await WriteAsync(page, w, $"memo {i}");
        }

        // Three saves, one toast; the memos reached the server while the editor waited, so no "synced" toast.
        await Expect(Toasts(page)).ToHaveTextAsync([w["saved3"]]);
        Assert.DoesNotContain(await SeenAsync(page, "toasts"), text => text.Contains(w["synced"], StringComparison.Ordinal));

        await page.EvaluateAsync("async () => { const { toast } = await import('/js/ui/toast.js'); toast('one'); toast('two'); toast('three'); }");
        await Expect(Toasts(page)).ToHaveTextAsync(["two", "three"]);

        await page.GetByRole(AriaRole.Button, new() { Name = w["write"] }).First.ClickAsync();
        var editor = page.GetByRole(AriaRole.Form, new() { Name = w["write"] });
        await editor.GetByLabel(w["content"]).FocusAsync();
        await page.EvaluateAsync("async () => { const { toast } = await import('/js/ui/toast.js'); toast('while editing'); }");
        await Expect(Toasts(page).Last).ToHaveTextAsync("while editing");
        var overlap = await page.EvaluateAsync<JsonElement>("""
            () => {
              const region = document.getElementById('toasts');
              const r = region.getBoundingClientRect();
              const e = document.querySelector('form.memo-editor').getBoundingClientRect();
              const hidden = region.dataset.place === 'hidden';
              return { hidden, overlaps: !hidden && r.top < e.bottom && r.bottom > e.top && r.left < e.right && r.right > e.left, place: region.dataset.place ?? '' };
            }
            """);
        Assert.False(overlap.GetProperty("overlaps").GetBoolean(), overlap.ToString());
        // Still announced: the region is a polite live status region whichever place it takes.
        Assert.Equal("status", await page.GetAttributeAsync("#toasts", "role"));
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("en", 1280)]
    [InlineData("ko", 390)]
    public async Task AMemoTheServerRefuses_ShowsOnTheMemoWithItsReason_AndIsNotASyncFailure(string language, int width)
    {
        // No service worker: the page sends the memo itself, so the refusal below can be staged at its fetch.
        var (page, reader, w) = await OpenAsync(language, width, workers: false);
        using var _ = reader;
        await OpenFlowAsync(page);
        // Without a worker nothing is cached for offline use: the flow and its editor load while online.
        await page.GetByRole(AriaRole.Button, new() { Name = w["write"] }).First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = language == "ko" ? "취소" : "Cancel" }).ClickAsync();
        await page.Context.SetOfflineAsync(true);
        await WriteAsync(page, w, "too long, says the server");
        const string Reason = "최대 5000자 / at most 5000 characters";
        await page.RouteAsync("**/api/v1/memos", route => route.Request.Method == "POST"
            ? route.FulfillAsync(new()
            {
                Status = 400, ContentType = "application/json",
                Body = JsonSerializer.Serialize(new { ok = false, error = new { code = "VALIDATION_FAILED", message = Reason, fields = new[] { new { name = "content", reason = Reason } } } }),
            })
            : route.ContinueAsync());
        await page.Context.SetOfflineAsync(false);

        var card = page.Locator(".flow-list").GetByRole(AriaRole.Article).First;
        await Expect(card.GetByRole(AriaRole.Img, new() { Name = w["notSaved"] })).ToBeVisibleAsync();
        await Expect(card.GetByRole(AriaRole.Alert)).ToContainTextAsync(Reason);
        Assert.DoesNotContain(await SeenAsync(page, "toasts"), text => text.Contains(w["failed"], StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }
}
