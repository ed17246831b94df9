using System.Text.Json;
using Microsoft.Playwright;
using ReadingTracker.Api.BrowserTests.Infrastructure;
using ReadingTracker.Api.BrowserTests.Offline.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static ReadingTracker.Api.BrowserTests.Offline.Infrastructure.OfflineSteps;

namespace ReadingTracker.Api.BrowserTests.Offline;

/// <summary>Issue 14, parts 2 and 3: one order offline and online, and a poisoned memo never holds the others back.</summary>
[Collection(BrowserCollection.Name)]
public sealed class QueueOrderAndPoisonTests(BrowserFixture fixture, OfflineServer server) : IClassFixture<OfflineServer>
{
    private const string Poison = "poisoned memo";

    // Writes memos offline through the repository, as the editor's save does, without asking for Background Sync: the
    // page's own engine sends them, so the test's routing sees every request.
    private const string OfflineWrite = """
        async ([contents, userBookId, at]) => {
          const { offline } = await import('/js/offline/current.js');
          for (const content of contents) {
            await offline().repository.create({ userBookId, pageNumber: 3, content, tags: [], tagCategory: 'TYPE', memoStartTime: at, clientId: crypto.randomUUID() });
          }
        }
        """;

    [Fact]
    public async Task ThreeMemosWrittenOfflineInTheSameSecond_ShowInTheOrderWritten_BeforeAndAfterTheSync()
    {
        using var seeder = await new ApiSeeder(server.DirectUrl).SignUpAndLoginAsync();
        await seeder.AddBookAsync("Ordered Book", 300, "Reading", 5);
        var page = await OpenAsync(fixture, server, seeder.LoginId);
        var userId = await UserIdAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Today flow" }).ClickAsync();
        await Expect(page.GetByText("No memos today yet. Write your first one.")).ToBeVisibleAsync();

        // The clock stands still: the three get the same start time to the second, so only the tiebreak orders them.
        await page.Clock.SetFixedTimeAsync(TimeProvider.System.GetUtcNow().UtcDateTime);
        await page.Context.SetOfflineAsync(true);
        string[] written = ["first of three", "second of three", "third of three"];
        foreach (var content in written)
        {
            await WriteMemoAsync(page, content);
        }

        await Expect(MemoCards(page)).ToHaveCountAsync(3);
        Assert.Equal(written, await ShownAsync(page));
        var starts = (await LocalMemosAsync(page, userId)).Items().Select(m => m.GetProperty("memoStartTime").GetString()).Distinct();
        Assert.Single(starts);

        await page.Context.SetOfflineAsync(false);
        await WaitForEmptyQueueAsync(page, userId);
        Assert.Equal((3, 3), await server.MemosOfUserAsync(userId));
        Assert.Equal((3, 3), await server.MemosOfUserAsync(userId, onSecondary: true));

        // Drawn afresh from the server's answer (memo_start_time, id): the same order.
        await page.ReloadAsync();
        await Expect(MemoCards(page)).ToHaveCountAsync(3);
        await Expect(MemoCards(page).GetByRole(AriaRole.Img)).ToHaveCountAsync(0);
        Assert.Equal(written, await ShownAsync(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AMemoTheServerAnswers500_IsHalvedOutOfItsBatch_TheOthersArriveOnce_ItStaysPendingAndArrivesOnceTheServerTakesIt()
    {
        var (page, userId, bookId) = await OfflineReaderAsync("Poisoned 500 Book");
        var refused = 0;
        await RefusePoisonAsync(page.Context, 500, "INTERNAL_ERROR", () => Interlocked.Increment(ref refused));
        await page.EvaluateAsync(OfflineWrite, new object[] { Contents(), bookId, PageActions.TodayAt(20) });

        await page.Context.SetOfflineAsync(false);
        await WaitForAsync(async () => (await server.MemosOfUserAsync(userId, onSecondary: true)).Memos == 7 && (await server.MemosOfUserAsync(userId)).Memos == 7);
        var stuck = await WaitForPoisonAsync(page, userId, item => item.GetProperty("attempts").GetInt32() >= 1 && item.GetProperty("status").GetString() == "PENDING");

        // The healthy ones, exactly once on both masters; the poisoned one never FAILED on a 5xx: PENDING, with backoff.
        Assert.Equal((7, 7), await server.MemosOfUserAsync(userId));
        Assert.Equal((7, 7), await server.MemosOfUserAsync(userId, onSecondary: true));
        Assert.Equal(500, stuck.GetProperty("error").GetProperty("status").GetInt32());
        Assert.True(stuck.GetProperty("nextAttemptAt").GetDouble() > 0, stuck.ToString());
        Assert.True(refused >= 4, $"{refused} refusals: the batch of 8 and its halves down to the memo alone");
        await Expect(MemoCards(page).Filter(new() { HasText = Poison }).GetByRole(AriaRole.Img, new() { Name = "Waiting to sync" })).ToBeVisibleAsync();

        // The server takes it again: its backoff runs out, it is sent once more and arrives, once.
        await page.Context.UnrouteAllAsync(new() { Behavior = UnrouteBehavior.IgnoreErrors });
        await WaitForEmptyQueueAsync(page, userId, 90_000);
        Assert.Equal((8, 8), await server.MemosOfUserAsync(userId));
        Assert.Equal((8, 8), await server.MemosOfUserAsync(userId, onSecondary: true));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ABatchRefusedAsAWhole400BecauseOfOneMemo_IsSplit_ThatMemoFailsWithItsReason_TheOthersArriveOnce()
    {
        var (page, userId, bookId) = await OfflineReaderAsync("Poisoned 400 Book");
        await RefusePoisonAsync(page.Context, 400, "VALIDATION_FAILED", () => { });
        await page.EvaluateAsync(OfflineWrite, new object[] { Contents(), bookId, PageActions.TodayAt(20) });

        await page.Context.SetOfflineAsync(false);
        var failed = await WaitForPoisonAsync(page, userId, item => item.GetProperty("status").GetString() == "FAILED");
        await WaitForEmptyQueueExceptFailedAsync(page, userId);

        Assert.Equal(400, failed.GetProperty("error").GetProperty("status").GetInt32());
        Assert.Equal("VALIDATION_FAILED", failed.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal((7, 7), await server.MemosOfUserAsync(userId));
        Assert.Equal((7, 7), await server.MemosOfUserAsync(userId, onSecondary: true));
        await Expect(MemoCards(page).Filter(new() { HasText = Poison }).GetByRole(AriaRole.Button, new() { Name = "Retry" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    private static string[] Contents() => [.. Enumerable.Range(0, 8).Select(i => i == 5 ? Poison : $"healthy memo {i}")];

    /// <summary>A reader with one book, on the today flow, offline: (page, user id, shelf entry id).</summary>
    private async Task<(IPage Page, long UserId, long BookId)> OfflineReaderAsync(string title)
    {
        using var seeder = await new ApiSeeder(server.DirectUrl).SignUpAndLoginAsync();
        var bookId = await seeder.AddBookAsync(title, 300, "Reading", 5);
        var page = await OpenAsync(fixture, server, seeder.LoginId);
        var userId = await UserIdAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Today flow" }).ClickAsync();
        await Expect(page.GetByText("No memos today yet. Write your first one.")).ToBeVisibleAsync();
        await page.Context.SetOfflineAsync(true);
        return (page, userId, bookId);
    }

    /// <summary>Every create request (a batch or one memo) that carries the poisoned memo is answered `status`; the rest go through.</summary>
    private static async Task RefusePoisonAsync(IBrowserContext context, int status, string code, Action onRefused) =>
        await context.RouteAsync("**/api/v1/memos**", async route =>
        {
            if (route.Request.Method != "POST" || route.Request.PostData?.Contains(Poison, StringComparison.Ordinal) != true)
            {
                await route.ContinueAsync();
                return;
            }

            onRefused();
            await route.FulfillAsync(new()
            {
                Status = status, ContentType = "application/json",
                Body = JsonSerializer.Serialize(new { ok = false, error = new { code, message = "refused by the test" } }),
            });
        });

    private static async Task<string[]> ShownAsync(IPage page) =>
        [.. (await MemoCards(page).Locator("p").AllInnerTextsAsync()).Where(t => t.Contains("of three", StringComparison.Ordinal))];

    private static async Task<JsonElement> WaitForPoisonAsync(IPage page, long userId, Func<JsonElement, bool> done)
    {
        JsonElement item = default;
        await WaitForAsync(async () =>
        {
            item = (await QueueAsync(page, userId)).Items().SingleOrDefault(i => i.GetProperty("data").GetProperty("content").GetString() == Poison);
            return item.ValueKind == JsonValueKind.Object && done(item);
        });
        return item;
    }

    private static Task WaitForEmptyQueueExceptFailedAsync(IPage page, long userId) => WaitForAsync(async () =>
        (await QueueAsync(page, userId)).Items().All(i => i.GetProperty("status").GetString() is "SUCCESS" or "FAILED"));
}
