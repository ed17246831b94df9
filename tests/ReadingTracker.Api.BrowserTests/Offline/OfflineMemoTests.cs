using Microsoft.Playwright;
using ReadingTracker.Api.BrowserTests.Infrastructure;
using ReadingTracker.Api.BrowserTests.Offline.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static ReadingTracker.Api.BrowserTests.Offline.Infrastructure.OfflineSteps;

namespace ReadingTracker.Api.BrowserTests.Offline;

/// <summary>Offline memo scenarios 1 and 2 of docs/contract.md §9.1, automated in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OfflineMemoTests(BrowserFixture fixture, OfflineServer server) : IClassFixture<OfflineServer>
{
    [Fact]
    public async Task OfflineCreate_ShowsPendingAtOnce_ThenReconnect_SyncsItOnce_WithACountToast()
    {
        using var seeder = await new ApiSeeder(server.DirectUrl).SignUpAndLoginAsync();
        await seeder.AddBookAsync("Offline Book", 300, "Reading", 12);
        var page = await OpenAsync(fixture, server, seeder.LoginId);
        var userId = await UserIdAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Today flow" }).ClickAsync();
        await Expect(page.GetByText("No memos today yet. Write your first one.")).ToBeVisibleAsync();

        await page.Context.SetOfflineAsync(true);
        await WriteMemoAsync(page, "written on a train");

        // Test 1: saved locally, pending, with its queue item, and shown at once with ⏳.
        var memo = MemoCards(page).First;
        await Expect(memo.GetByText("written on a train")).ToBeVisibleAsync();
        await Expect(memo.GetByRole(AriaRole.Img, new() { Name = "Waiting to sync" })).ToBeVisibleAsync();
        var local = (await LocalMemosAsync(page, userId)).Items().Single();
        Assert.Equal("pending", local.GetProperty("syncStatus").GetString());
        Assert.Equal("written on a train", local.GetProperty("content").GetString());
        var item = (await QueueAsync(page, userId)).Items().Single();
        Assert.Equal("CREATE", item.GetProperty("type").GetString());
        Assert.Equal("PENDING", item.GetProperty("status").GetString());
        Assert.Equal(local.GetProperty("clientId").GetString(), item.GetProperty("data").GetProperty("clientId").GetString());
        Assert.Equal((0, 0), await server.MemosOfUserAsync(userId));

        // Test 2: back online → health check → sync → synced, SUCCESS, ⏳ gone, toast with the count.
        await page.Context.SetOfflineAsync(false);
        await Expect(PageActions.Toast(page, "1 memo synced.")).ToBeVisibleAsync();
        await Expect(memo.GetByRole(AriaRole.Img)).ToHaveCountAsync(0);
        await WaitForEmptyQueueAsync(page, userId);
        local = (await LocalMemosAsync(page, userId)).Items().Single();
        Assert.Equal("synced", local.GetProperty("syncStatus").GetString());
        Assert.True(local.GetProperty("serverId").GetInt64() > 0);
        Assert.Equal("SUCCESS", (await QueueAsync(page, userId)).Items().Single().GetProperty("status").GetString());
        Assert.Equal((1, 1), await server.MemosOfUserAsync(userId));
        Assert.Equal((1, 1), await server.MemosOfUserAsync(userId, onSecondary: true));
        await page.Context.CloseAsync();
    }
}
