using Microsoft.Playwright;
using ReadingTracker.Api.BrowserTests.Infrastructure;
using ReadingTracker.Api.BrowserTests.Offline.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static ReadingTracker.Api.BrowserTests.Offline.Infrastructure.OfflineSteps;

namespace ReadingTracker.Api.BrowserTests.Offline;

/// <summary>
/// Offline scenarios 5 and 6 of docs/contract.md §9.1 (the queue rules of §8.2): a write that is on the wire is held
/// at the browser's network layer (the real server answers once it is let through), and the reader acts meanwhile.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SyncDuringEditsTests(BrowserFixture fixture, OfflineServer server) : IClassFixture<OfflineServer>
{
    /// <summary>Holds every request matching method + path until released; records the order they reached the server.</summary>
    private sealed class Gate
    {
        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<string> Sent { get; } = [];

        public async Task InstallAsync(IBrowserContext context, string method)
        {
            await context.RouteAsync("**/api/v1/memos**", async route =>
            {
                var request = route.Request;
                if (request.Method == method)
                {
                    Held.TrySetResult();
                    await Open.Task;
                }

                lock (Sent)
                {
                    Sent.Add($"{request.Method} {new Uri(request.Url).AbsolutePath}");
                }

                await route.ContinueAsync();
            });
        }
    }

    [Fact]
    public async Task EditWhileItsCreateIsSyncing_IsAllowed_AndThePutFollowsThePost()
    {
        using var seeder = await new ApiSeeder(server.DirectUrl).SignUpAndLoginAsync();
        await seeder.AddBookAsync("Held Book", 300, "Reading", 5);
        var page = await OpenAsync(fixture, server, seeder.LoginId);
        var userId = await UserIdAsync(page);
        var gate = new Gate();
        await gate.InstallAsync(page.Context, "POST");

        await WriteMemoAsync(page, "first words");
        await gate.Held.Task.WaitAsync(TimeSpan.FromSeconds(15));
        var card = MemoCards(page).First;
        await Expect(card.GetByRole(AriaRole.Img, new() { Name = "Syncing" })).ToBeVisibleAsync();

        await card.GetByRole(AriaRole.Button, new() { Name = "Edit Memo at" }).ClickAsync();
        var edit = page.GetByRole(AriaRole.Form, new() { Name = "Edit memo" });
        await edit.GetByLabel("Memo").FillAsync("second thoughts");
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(edit).ToBeHiddenAsync();
        var local = (await LocalMemosAsync(page, userId)).Items().Single();
        Assert.Equal("syncing_create", local.GetProperty("syncStatus").GetString());
        Assert.Equal("second thoughts", local.GetProperty("content").GetString());

        gate.Open.SetResult();
        await WaitForEmptyQueueAsync(page, userId);
        Assert.Equal(2, gate.Sent.Count);
        Assert.Equal("POST /api/v1/memos", gate.Sent[0]);
        Assert.StartsWith("PUT /api/v1/memos/", gate.Sent[1], StringComparison.Ordinal);
        await Expect(MemoCards(page).First.GetByText("second thoughts")).ToBeVisibleAsync();
        Assert.Equal((1, 1), await server.MemosOfUserAsync(userId));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DeleteWhileItsUpdateIsSyncing_WaitsAsWAITING_ThenTheDeleteFollowsThePut()
    {
        using var seeder = await new ApiSeeder(server.DirectUrl).SignUpAndLoginAsync();
        await seeder.AddBookAsync("Waiting Book", 300, "Reading", 5);
        var page = await OpenAsync(fixture, server, seeder.LoginId);
        var userId = await UserIdAsync(page);
        await WriteMemoAsync(page, "to be edited");
        await WaitForEmptyQueueAsync(page, userId);
        var gate = new Gate();
        await gate.InstallAsync(page.Context, "PUT");

        var card = MemoCards(page).First;
        await card.GetByRole(AriaRole.Button, new() { Name = "Edit Memo at" }).ClickAsync();
        var edit = page.GetByRole(AriaRole.Form, new() { Name = "Edit memo" });
        await edit.GetByLabel("Memo").FillAsync("an edit nobody needs");
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await gate.Held.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await Expect(edit).ToBeHiddenAsync();

        await MemoCards(page).First.GetByRole(AriaRole.Button, new() { Name = "Delete Memo at" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog, new() { Name = "Delete memo" }).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(MemoCards(page)).ToHaveCountAsync(0);
        var queue = (await QueueAsync(page, userId)).Items().ToList();
        var update = queue.Single(i => i.GetProperty("type").GetString() == "UPDATE");
        var delete = queue.Single(i => i.GetProperty("type").GetString() == "DELETE");
        Assert.Equal("SYNCING", update.GetProperty("status").GetString());
        Assert.Equal("WAITING", delete.GetProperty("status").GetString());
        Assert.Equal(update.GetProperty("id").GetString(), delete.GetProperty("waitingFor").GetString());
        Assert.Equal("waiting", (await LocalMemosAsync(page, userId)).Items().Single().GetProperty("syncStatus").GetString());

        gate.Open.SetResult();
        await WaitForEmptyQueueAsync(page, userId);
        Assert.Equal(2, gate.Sent.Count);
        Assert.StartsWith("PUT ", gate.Sent[0], StringComparison.Ordinal);
        Assert.StartsWith("DELETE ", gate.Sent[1], StringComparison.Ordinal);
        Assert.Equal((0, 0), await server.MemosOfUserAsync(userId));
        Assert.Equal((0, 0), await server.MemosOfUserAsync(userId, onSecondary: true));
        Assert.Equal(0, (await LocalMemosAsync(page, userId)).GetArrayLength());
        await page.Context.CloseAsync();
    }
}
