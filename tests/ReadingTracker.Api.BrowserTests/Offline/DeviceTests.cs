using Microsoft.Playwright;
using ReadingTracker.Api.BrowserTests.Infrastructure;
using ReadingTracker.Api.BrowserTests.Offline.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static ReadingTracker.Api.BrowserTests.Offline.Infrastructure.OfflineSteps;

namespace ReadingTracker.Api.BrowserTests.Offline;

/// <summary>One browser, several users or tabs; and the app started with no network at all.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DeviceTests(BrowserFixture fixture, OfflineServer server) : IClassFixture<OfflineServer>
{
    [Fact]
    public async Task TwoUsersOnOneBrowser_NeverSeeEachOthersMemos_AndTheFirstUsersPendingMemoWaitsForThem()
    {
        // Regression: the earlier client kept every user's memos in one database (docs/contract.md §8.1).
        using var alice = await new ApiSeeder(server.DirectUrl).SignUpAndLoginAsync();
        await alice.AddBookAsync("Alice's Book", 300, "Reading", 5);
        using var bob = await new ApiSeeder(server.DirectUrl).SignUpAndLoginAsync();
        await bob.AddBookAsync("Bob's Book", 300, "Reading", 5);
        var page = await OpenAsync(fixture, server, alice.LoginId);
        var aliceId = await UserIdAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Today flow" }).ClickAsync();
        await page.Context.SetOfflineAsync(true);
        await WriteMemoAsync(page, "alice's private thought");

        await LogOutAsync(page);
        await page.Context.SetOfflineAsync(false);
        await LogInAgainAsync(page, bob.LoginId);
        var bobId = await UserIdAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Today flow" }).ClickAsync();

        await Expect(page.GetByText("No memos today yet. Write your first one.")).ToBeVisibleAsync();
        await Expect(page.GetByText("alice's private thought")).ToHaveCountAsync(0);
        Assert.Equal(0, (await LocalMemosAsync(page, bobId)).GetArrayLength());
        Assert.Contains($"reading-tracker-u{aliceId}", await DatabaseNamesAsync(page));
        Assert.Equal("pending", (await LocalMemosAsync(page, aliceId)).Items().Single().GetProperty("syncStatus").GetString());
        Assert.Equal((0, 0), await server.MemosOfUserAsync(aliceId));
        Assert.Equal((0, 0), await server.MemosOfUserAsync(bobId));

        await LogOutAsync(page);
        await LogInAgainAsync(page, alice.LoginId);
        await WaitForEmptyQueueAsync(page, aliceId);
        Assert.Equal((1, 1), await server.MemosOfUserAsync(aliceId));
        Assert.Equal((0, 0), await server.MemosOfUserAsync(bobId));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task OfflineReload_LoadsTheAppShell_TheShelfABookAndTodaysFlowWithThePendingMemo()
    {
        using var seeder = await new ApiSeeder(server.DirectUrl).SignUpAndLoginAsync();
        var bookId = await seeder.AddBookAsync("Cached Book", 300, "Reading", 5);
        var page = await OpenAsync(fixture, server, seeder.LoginId);
        await page.GotoAsync("/#/shelf?tab=Reading");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cached Book" })).ToBeVisibleAsync();
        await page.GotoAsync($"/#/book/{bookId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cached Book", Level = 1 })).ToBeVisibleAsync();
        await page.GotoAsync("/#/flow");
        await Expect(page.GetByText("No memos today yet. Write your first one.")).ToBeVisibleAsync();

        await page.Context.SetOfflineAsync(true);
        await WriteMemoAsync(page, "written with no network");
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Today", Level = 1 })).ToBeVisibleAsync();
        await Expect(MemoCards(page).First.GetByText("written with no network")).ToBeVisibleAsync();
        await Expect(MemoCards(page).First.GetByRole(AriaRole.Img, new() { Name = "Waiting to sync" })).ToBeVisibleAsync();

        await page.GotoAsync("/#/shelf?tab=Reading");
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cached Book" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Offline: showing the last saved copy.")).ToBeVisibleAsync();
        await page.GotoAsync($"/#/book/{bookId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cached Book", Level = 1 })).ToBeVisibleAsync();

        await page.Context.SetOfflineAsync(false);
        var userId = await UserIdAsync(page);
        await WaitForEmptyQueueAsync(page, userId);
        Assert.Equal((1, 1), await server.MemosOfUserAsync(userId));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TwoTabsWritingOffline_ThenSyncingAtOnce_SendEachMemoOnce()
    {
        using var seeder = await new ApiSeeder(server.DirectUrl).SignUpAndLoginAsync();
        await seeder.AddBookAsync("Two Tabs", 300, "Reading", 5);
        var context = await NewContextAsync(fixture, server);
        var first = await OpenAsync(fixture, server, seeder.LoginId, context);
        var userId = await UserIdAsync(first);
        var second = await context.NewPageAsync();
        await second.GotoAsync("/#/flow");
        await first.GotoAsync("/#/flow");
        await Expect(second.GetByText("No memos today yet. Write your first one.")).ToBeVisibleAsync();

        await context.SetOfflineAsync(true);
        for (var i = 0; i < 3; i++)
        {
            await WriteMemoAsync(first, $"tab one #{i}");
            await WriteMemoAsync(second, $"tab two #{i}");
        }

        var requests = 0;
        context.Request += (_, r) =>
        {
            if (r.Method == "POST" && r.Url.Contains("/api/v1/memos", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref requests);
            }
        };
        await context.SetOfflineAsync(false);
        await WaitForEmptyQueueAsync(first, userId);

        Assert.Equal((6, 6), await server.MemosOfUserAsync(userId));
        Assert.Equal((6, 6), await server.MemosOfUserAsync(userId, onSecondary: true));
        Assert.Equal(6, (await QueueAsync(first, userId)).Items().Count(i => i.GetProperty("status").GetString() == "SUCCESS"));
        await Expect(second.GetByText("6 memos", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(second.GetByRole(AriaRole.Img, new() { Name = "Waiting to sync" })).ToHaveCountAsync(0);
        await context.CloseAsync();
    }
}
