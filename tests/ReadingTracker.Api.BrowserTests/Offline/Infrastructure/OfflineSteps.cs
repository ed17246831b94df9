using System.Text.Json;
using Microsoft.Playwright;
using ReadingTracker.Api.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReadingTracker.Api.BrowserTests.Offline.Infrastructure;

/// <summary>What the offline tests do in the browser, and how they look into its IndexedDB.</summary>
public static class OfflineSteps
{
    // Reads one store of a database without ever creating it (opening a missing database would make an empty v1).
    private const string ReadStore = """
        async ([name, store]) => {
          if (!(await indexedDB.databases()).some((d) => d.name === name)) return [];
          const db = await new Promise((ok, fail) => { const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
          try {
            if (!db.objectStoreNames.contains(store)) return [];
            return await new Promise((ok, fail) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
          } finally { db.close(); }
        }
        """;

    // Counts the queue items not yet SUCCESS through the status index: cheap enough to poll while 1,000 sync.
    private const string CountOpen = """
        async (name) => {
          if (!(await indexedDB.databases()).some((d) => d.name === name)) return 0;
          const db = await new Promise((ok, fail) => { const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
          try {
            const index = db.transaction('queue').objectStore('queue').index('status');
            const counts = await Promise.all(['PENDING', 'WAITING', 'SYNCING', 'FAILED'].map((s) => new Promise((ok, fail) => { const r = index.count(s); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); })));
            return counts.reduce((a, b) => a + b, 0);
          } finally { db.close(); }
        }
        """;

    /// <summary>A fresh browser context on the proxied server, the user logged in, the service worker in control.</summary>
    public static async Task<IPage> OpenAsync(BrowserFixture fixture, OfflineServer server, string loginId, IBrowserContext? context = null)
    {
        context ??= await NewContextAsync(fixture, server);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => fixture.ConsoleErrors.Add(error);
        await PageActions.LoginAsync(page, loginId);
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
        return page;
    }

    public static async Task<IBrowserContext> NewContextAsync(BrowserFixture fixture, OfflineServer server)
    {
        var context = await fixture.Browser.NewContextAsync(new()
        {
            BaseURL = server.Url, Locale = "en-US", TimezoneId = "Asia/Seoul", ViewportSize = new() { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        return context;
    }

    /// <summary>Logs in from the header's link, in a page where someone just logged out.</summary>
    public static async Task LogInAgainAsync(IPage page, string loginId)
    {
        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Log in" }).ClickAsync();
        await page.GetByLabel("Login id").FillAsync(loginId);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(ApiSeeder.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My shelf", Level = 1 })).ToBeVisibleAsync();
    }

    public static Task<long> UserIdAsync(IPage page) =>
        page.EvaluateAsync<long>("async () => (await import('/js/store.js')).store.user.id");

    public static Task<JsonElement> QueueAsync(IPage page, long userId) => page.EvaluateAsync<JsonElement>(ReadStore, new object[] { $"reading-tracker-u{userId}", "queue" });

    public static Task<JsonElement> LocalMemosAsync(IPage page, long userId) => page.EvaluateAsync<JsonElement>(ReadStore, new object[] { $"reading-tracker-u{userId}", "memos" });

    public static Task<string[]> DatabaseNamesAsync(IPage page) => page.EvaluateAsync<string[]>("async () => (await indexedDB.databases()).map((d) => d.name)");

    public static ILocator MemoCards(IPage page) => page.Locator(".flow-list").GetByRole(AriaRole.Article);

    /// <summary>Writes a memo on today's flow through the editor, as a reader would.</summary>
    public static async Task WriteMemoAsync(IPage page, string content, int pageNumber = 12)
    {
        if (!page.Url.Contains("#/flow", StringComparison.Ordinal))
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Today flow" }).ClickAsync();
        }

        // The flow's own button, once the flow is drawn: the shelf, still on screen for a moment after the click, has
        // a "Write a memo on <title>" button per book, which a loose match would press.
        await Expect(page.Locator("#flow-date")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Write a memo", Exact = true }).ClickAsync();
        var editor = page.GetByRole(AriaRole.Form, new() { Name = "Write a memo" });
        await editor.GetByLabel("Page").FillAsync(pageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await editor.GetByLabel("Memo").FillAsync(content);
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(editor).ToBeHiddenAsync();
    }

    /// <summary>Waits until nothing is left to send (every queue item SUCCESS) or fails after the timeout.</summary>
    /// <summary>
    /// Logs out from the profile screen and waits until the session the service worker reads is gone too:
    /// only then can nothing be sent with the old user's tokens (a Background Sync fires as soon as the
    /// network is back).
    /// </summary>
    public static async Task LogOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Profile" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out", Exact = true }).ClickAsync();
        await Expect(PageActions.Toast(page, "You are logged out.")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("async () => (await (await import('/js/offline/session.js')).readSession()) === null");
    }

    /// <summary>Polls the page's state until <paramref name="condition"/> holds, failing after the timeout.</summary>
    public static async Task WaitForAsync(Func<Task<bool>> condition, int timeoutMs = 30_000)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddMilliseconds(timeoutMs);
        while (!await condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "the condition did not hold in time");
            await Task.Delay(100);
        }
    }

    public static async Task WaitForEmptyQueueAsync(IPage page, long userId, int timeoutMs = 30_000)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddMilliseconds(timeoutMs);
        while (true)
        {
            var open = await page.EvaluateAsync<int>(CountOpen, $"reading-tracker-u{userId}");
            if (open == 0)
            {
                return;
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"{open} queue items still open");
            await Task.Delay(200);
        }
    }

    public static IEnumerable<JsonElement> Items(this JsonElement array) => array.EnumerateArray();
}
