using Microsoft.Playwright;
using ReadingTracker.Api.BrowserTests.Infrastructure;
using ReadingTracker.Api.BrowserTests.Offline.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static ReadingTracker.Api.BrowserTests.Offline.Infrastructure.OfflineSteps;

namespace ReadingTracker.Api.BrowserTests.Offline;

/// <summary>Two devices editing one memo, and a write the server refuses for good: never silent.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConflictAndFailureTests(BrowserFixture fixture, OfflineServer server) : IClassFixture<OfflineServer>
{
    [Fact]
    public async Task OfflineEditOverAnotherDevicesEdit_LastWriterWins_AndTheOtherVersionIsInTheHistory()
    {
        using var phone = await new ApiSeeder(server.DirectUrl).SignUpAndLoginAsync();
        var book = await phone.AddBookAsync("Shared Book", 300, "Reading", 5);
        var memoId = await phone.AddMemoAsync(book, "first draft", PageActions.TodayAt(20));
        var page = await OpenAsync(fixture, server, phone.LoginId);
        var userId = await UserIdAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Today flow" }).ClickAsync();
        await Expect(MemoCards(page).First.GetByText("first draft")).ToBeVisibleAsync();

        await page.Context.SetOfflineAsync(true);
        await MemoCards(page).First.GetByRole(AriaRole.Button, new() { Name = "Edit Memo at" }).ClickAsync();
        var edit = page.GetByRole(AriaRole.Form, new() { Name = "Edit memo" });
        await edit.GetByLabel("Memo").FillAsync("the laptop's words");
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(edit).ToBeHiddenAsync();
        await phone.PutAsync($"/api/v1/memos/{memoId}", new { content = "the phone's words", baseVersion = 1 });

        await page.Context.SetOfflineAsync(false);
        await WaitForEmptyQueueAsync(page, userId);
        var card = MemoCards(page).First;
        await Expect(card.GetByText("the laptop's words")).ToBeVisibleAsync();
        await Expect(card.GetByText("This overlapped an edit from another device.", new() { Exact = false })).ToBeVisibleAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Earlier versions" }).ClickAsync();
        await Expect(card.GetByRole(AriaRole.List, new() { Name = "Earlier versions" })).ToContainTextAsync("the phone's words");
        await Expect(card.GetByRole(AriaRole.List, new() { Name = "Earlier versions" })).ToContainTextAsync("first draft");
        var onServer = await phone.GetAsync($"/api/v1/memos/{memoId}");
        Assert.Equal("the laptop's words", onServer.GetProperty("content").GetString());
        Assert.Equal(3, onServer.GetProperty("version").GetInt32());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task MemoOnABookRemovedMeanwhile_IsRefusedForGood_ShownFailedWithRetryAndDiscard_NeverDroppedSilently()
    {
        using var seeder = await new ApiSeeder(server.DirectUrl).SignUpAndLoginAsync();
        var book = await seeder.AddBookAsync("Soon Gone", 300, "Reading", 5);
        var page = await OpenAsync(fixture, server, seeder.LoginId);
        var userId = await UserIdAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Today flow" }).ClickAsync();
        await Expect(page.GetByText("No memos today yet. Write your first one.")).ToBeVisibleAsync();

        await page.Context.SetOfflineAsync(true);
        await WriteMemoAsync(page, "about a book I will remove elsewhere");
        await seeder.DeleteAsync($"/api/v1/user/books/{book}");
        await page.Context.SetOfflineAsync(false);

        await Expect(PageActions.Toast(page, "1 memo failed to sync.")).ToBeVisibleAsync();
        var card = MemoCards(page).First;
        await Expect(card.GetByRole(AriaRole.Img, new() { Name = "Sync failed" })).ToBeVisibleAsync();
        await Expect(card.GetByRole(AriaRole.Alert)).ToContainTextAsync("Sync failed");
        var item = (await QueueAsync(page, userId)).Items().Single();
        Assert.Equal("FAILED", item.GetProperty("status").GetString());
        Assert.Equal(404, item.GetProperty("error").GetProperty("status").GetInt32());

        // The retry sends the item again under a new key; the discard may only be pressed once that attempt was
        // refused too (pressed on the card still drawn from before the retry, it would find nothing failed to drop).
        var firstKey = item.GetProperty("idempotencyKey").GetString();
        await card.GetByRole(AriaRole.Button, new() { Name = "Retry: Memo at" }).ClickAsync();
        await WaitForAsync(async () => (await QueueAsync(page, userId)).Items().Single() is var again
            && again.GetProperty("status").GetString() == "FAILED" && again.GetProperty("idempotencyKey").GetString() != firstKey);
        await Expect(PageActions.Toast(page, "1 memo failed to sync.").Last).ToBeVisibleAsync();
        await Expect(MemoCards(page).First.GetByRole(AriaRole.Img, new() { Name = "Sync failed" })).ToBeVisibleAsync();
        await MemoCards(page).First.GetByRole(AriaRole.Button, new() { Name = "Discard: Memo at" }).ClickAsync();
        await Expect(MemoCards(page)).ToHaveCountAsync(0);
        Assert.Equal(0, (await QueueAsync(page, userId)).GetArrayLength());
        Assert.Equal((0, 0), await server.MemosOfUserAsync(userId));
        await page.Context.CloseAsync();
    }
}
