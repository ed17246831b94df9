using Microsoft.Playwright;
using ReadingTracker.Api.BrowserTests.Infrastructure;
using ReadingTracker.Api.BrowserTests.Offline.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static ReadingTracker.Api.BrowserTests.Offline.Infrastructure.OfflineSteps;

namespace ReadingTracker.Api.BrowserTests.Offline;

/// <summary>Offline scenarios 3, 4 and 7 of docs/contract.md §9.1: the two-phase health check, the worker syncing with the page closed, the server gone and back.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReconnectTests(BrowserFixture fixture, OfflineServer server) : IClassFixture<OfflineServer>
{
    [Fact]
    public async Task Reconnect_ChecksHeadHealthThenTheBookProvider_WithTheProviderDown_SearchIsLimited_AndMemosStillSync()
    {
        server.BookProvider.Stop();
        try
        {
            using var seeder = await new ApiSeeder(server.DirectUrl).SignUpAndLoginAsync();
            await seeder.AddBookAsync("Health Book", 300, "Reading", 5);
            var page = await OpenAsync(fixture, server, seeder.LoginId);
            var userId = await UserIdAsync(page);
            await page.GetByRole(AriaRole.Link, new() { Name = "Today flow" }).ClickAsync();
            await page.Context.SetOfflineAsync(true);
            await WriteMemoAsync(page, "while the provider is down");
            await Expect(page.Locator("#net-status")).ToContainTextAsync("Offline");

            var checks = new List<string>();
            page.Request += (_, request) =>
            {
                if (request.Url.Contains("/api/v1/health", StringComparison.Ordinal))
                {
                    lock (checks)
                    {
                        checks.Add($"{request.Method} {new Uri(request.Url).AbsolutePath}");
                    }
                }
            };
            await page.Context.SetOfflineAsync(false);

            await Expect(PageActions.Toast(page, "1 memo synced.")).ToBeVisibleAsync();
            // Book search's state is told on the search screen only (issue 13): no toast, no status line.
            // Both phases of the check are done, and their requests have reached this test (events come later).
            await page.WaitForFunctionAsync("async () => { const s = (await import('/js/offline/current.js')).networkState(); return s.online && s.serverReachable && !s.checking && s.searchAvailable === false; }");
            for (var i = 0; i < 100 && RecordedChecks() < 2; i++)
            {
                await Task.Delay(100);
            }

            int RecordedChecks()
            {
                lock (checks)
                {
                    return checks.Count;
                }
            }

            await Expect(page.Locator("#net-status")).ToBeHiddenAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Search books" }).ClickAsync();
            await Expect(page.Locator(".provider-note")).ToContainTextAsync("Book search cannot reach its provider");
            lock (checks)
            {
                Assert.Equal(["HEAD /api/v1/health", "GET /api/v1/health/aladin"], checks.Take(2));
            }

            Assert.Equal((1, 1), await server.MemosOfUserAsync(userId));
            await page.Context.CloseAsync();
        }
        finally
        {
            await server.RestoreBookProviderAsync();
        }
    }

    [Fact]
    public async Task ServerStopped_TheMemoStaysPendingWithRetriesScheduled_ServerRestarted_ItArrivesOnce()
    {
        using var seeder = await new ApiSeeder(server.DirectUrl).SignUpAndLoginAsync();
        await seeder.AddBookAsync("Retry Book", 300, "Reading", 5);
        var page = await OpenAsync(fixture, server, seeder.LoginId);
        var userId = await UserIdAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Today flow" }).ClickAsync();
        await Expect(page.GetByText("No memos today yet. Write your first one.")).ToBeVisibleAsync();

        server.Front.Stop();
        try
        {
            await WriteMemoAsync(page, "the server is down");
            await Expect(page.Locator("#net-status")).ToContainTextAsync("The server cannot be reached");
            var item = (await QueueAsync(page, userId)).Items().Single();
            Assert.Equal("PENDING", item.GetProperty("status").GetString());
            Assert.True(item.GetProperty("attempts").GetInt32() >= 1, item.ToString());
            Assert.Equal(0, item.GetProperty("error").GetProperty("status").GetInt32());
            await Expect(MemoCards(page).First.GetByRole(AriaRole.Img, new() { Name = "Waiting to sync" })).ToBeVisibleAsync();
        }
        finally
        {
            server.Front.Start();
        }

        // The monitor re-checks every 5 s while the server is unreachable; then the item goes at once.
        await WaitForEmptyQueueAsync(page, userId, 20_000);
        Assert.Equal((1, 1), await server.MemosOfUserAsync(userId));
        await Expect(page.Locator("#net-status")).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ServiceWorker_SyncsTheQueue_WithThePageClosed()
    {
        using var seeder = await new ApiSeeder(server.DirectUrl).SignUpAndLoginAsync();
        await seeder.AddBookAsync("Worker Book", 300, "Reading", 5);
        var context = await NewContextAsync(fixture, server);
        var page = await OpenAsync(fixture, server, seeder.LoginId, context);
        var userId = await UserIdAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Today flow" }).ClickAsync();
        await Expect(page.GetByText("No memos today yet. Write your first one.")).ToBeVisibleAsync();

        await context.SetOfflineAsync(true);
        await WriteMemoAsync(page, "sent by the worker");
        Assert.Single((await QueueAsync(page, userId)).Items());
        await page.CloseAsync();
        Assert.Empty(context.Pages);

        // No page of the app is open: only the service worker can send it (Background Sync on reconnect).
        await context.SetOfflineAsync(false);
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while ((await server.MemosOfUserAsync(userId)).Memos == 0 && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Empty(context.Pages);
        Assert.Equal((1, 1), await server.MemosOfUserAsync(userId));
        Assert.Equal((1, 1), await server.MemosOfUserAsync(userId, onSecondary: true));
        await context.CloseAsync();
    }
}
