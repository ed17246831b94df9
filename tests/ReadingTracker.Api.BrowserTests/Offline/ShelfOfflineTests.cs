using System.Text.Json;
using Dapper;
using Microsoft.Playwright;
using ReadingTracker.Api.BrowserTests.Infrastructure;
using ReadingTracker.Api.BrowserTests.Offline.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static ReadingTracker.Api.BrowserTests.Offline.Infrastructure.OfflineSteps;

namespace ReadingTracker.Api.BrowserTests.Offline;

/// <summary>
/// The shelf offline (issue 14, ADR-013): a shelf change made offline shows at once and after a reload offline, and
/// reaches both masters exactly once when the network is back; an entry's page opens offline though it was never
/// opened; a late change is resolved by the written rules.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ShelfOfflineTests(BrowserFixture fixture, OfflineServer server) : IClassFixture<OfflineServer>
{
    // Whether a read is in the user's cache store, without ever creating the database.
    private const string EntryCached = """
        async ([name, path]) => {
          if (!(await indexedDB.databases()).some((d) => d.name === name)) return false;
          const db = await new Promise((ok, fail) => { const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
          try {
            if (!db.objectStoreNames.contains('cache')) return false;
            return await new Promise((ok, fail) => { const r = db.transaction('cache').objectStore('cache').get(path); r.onsuccess = () => ok(r.result != null); r.onerror = () => fail(r.error); });
          } finally { db.close(); }
        }
        """;

    [Fact]
    public async Task PagesReadOffline_OnAnEntryNeverOpened_ShowsAtOnce_AndAfterAReloadOffline_ThenReachesBothMastersOnce()
    {
        var (page, userId, seeder) = await ReaderAsync();
        var bookId = await seeder.AddBookAsync("Train Book", 300, "Reading", 12);
        await page.ReloadAsync();
        await WaitCachedAsync(page, userId, $"/user/books/{bookId}");

        await page.Context.SetOfflineAsync(true);
        await page.GotoAsync($"/#/book/{bookId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Train Book" })).ToBeVisibleAsync();
        await SetPagesReadAsync(page, 80);

        await Expect(page.GetByText("Page 80 of 300")).ToBeVisibleAsync();
        await Expect(EntryWaiting(page)).ToBeVisibleAsync();
        // The connection line counts it as what it is: a shelf change, not a memo.
        await Expect(page.Locator("#net-status")).ToHaveTextAsync("⏳ 1 shelf change waiting to sync · Offline: changes are saved on this device and sent when you are back online.");
        Assert.Equal("SHELF", (await QueueAsync(page, userId)).Items().Single().GetProperty("type").GetString());
        await page.ReloadAsync();
        await Expect(page.GetByText("Page 80 of 300")).ToBeVisibleAsync();
        await Expect(EntryWaiting(page)).ToBeVisibleAsync();
        Assert.Equal(12, (await EntryOnBothAsync(bookId)).Progress);

        await page.Context.SetOfflineAsync(false);
        await WaitForEmptyQueueAsync(page, userId);
        await Expect(EntryWaiting(page)).ToHaveCountAsync(0);
        Assert.Equal((80, "Reading", 2), await EntryOnBothAsync(bookId));
        Assert.Equal(1, await CountOnBothAsync("SELECT COUNT(*) FROM progress_history WHERE user_book_id = @bookId AND to_page = 80", bookId));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CategoryMoveOffline_OnAVersionAnotherDeviceMovedOn_WinsAsTheLaterWrite_AndTheReplacedCategoryIsKept()
    {
        var (page, userId, seeder) = await ReaderAsync();
        var bookId = await seeder.AddBookAsync("Moved Book", 300, "Reading", 40);
        await page.ReloadAsync();
        await WaitCachedAsync(page, userId, $"/user/books/{bookId}");
        await page.GotoAsync($"/#/book/{bookId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Moved Book" })).ToBeVisibleAsync();

        await page.Context.SetOfflineAsync(true);
        await page.GetByLabel("Move to").SelectOptionAsync(new SelectOptionValue { Value = "ToRead" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Move", Exact = true }).ClickAsync();
        await Expect(EntryWaiting(page)).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(page.Locator(".details")).ToContainTextAsync("To read");
        // Meanwhile another device moves the book on the server.
        await seeder.PutAsync($"/api/v1/user/books/{bookId}/category?category=AlmostFinished", new { });

        await page.Context.SetOfflineAsync(false);
        await WaitForEmptyQueueAsync(page, userId);
        Assert.Equal((40, "ToRead", 3), await EntryOnBothAsync(bookId));
        Assert.Equal(["category AlmostFinished→ToRead STORED"], await ConflictsOnBothAsync(bookId));

        // The reader is told, calmly, on the entry's page: what was kept and what was replaced; dismissed, it stays gone.
        var note = page.Locator(".entry-conflict");
        await Expect(note).ToHaveTextAsync("Synced with a newer change: Reading state — To read kept, Almost finished replaced. Dismiss");
        await page.ReloadAsync();
        await Expect(note).ToBeVisibleAsync();
        await note.GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
        await Expect(note).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Moved Book" })).ToBeVisibleAsync();
        await Expect(page.Locator(".details")).ToContainTextAsync("To read");
        await Expect(note).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task PagesReadOffline_BelowWhatAnotherDeviceReached_KeepTheLarger_AndTheSmallerIsKept()
    {
        var (page, userId, seeder) = await ReaderAsync();
        var bookId = await seeder.AddBookAsync("Raced Book", 300, "Reading", 20);
        await page.ReloadAsync();
        await WaitCachedAsync(page, userId, $"/user/books/{bookId}");

        await page.Context.SetOfflineAsync(true);
        await page.GotoAsync($"/#/book/{bookId}");
        await SetPagesReadAsync(page, 50);
        await Expect(page.GetByText("Page 50 of 300")).ToBeVisibleAsync();
        await seeder.PutAsync($"/api/v1/user/books/{bookId}", new { readingProgress = 150 });

        await page.Context.SetOfflineAsync(false);
        await WaitForEmptyQueueAsync(page, userId);
        Assert.Equal((150, "Reading", 3), await EntryOnBothAsync(bookId));
        Assert.Equal(["readingProgress 50→150 REQUEST"], await ConflictsOnBothAsync(bookId));
        await page.ReloadAsync();
        await Expect(page.GetByText("Page 150 of 300")).ToBeVisibleAsync();
        await Expect(page.Locator(".entry-conflict")).ToContainTextAsync("Pages read — 150 kept, 50 replaced.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AddThenStartThenAMemo_AllOffline_ArriveInThatOrder_OnceEach_UnderTheServersId()
    {
        var (page, userId, _) = await ReaderAsync();
        await WaitCachedAsync(page, userId, "/user/books");
        await page.Context.SetOfflineAsync(true);
        var tempId = await page.EvaluateAsync<string>("""
            async (memoStart) => {
              const { shelfApi } = await import('/js/shelf-service.js');
              const { createMemo, newDraft } = await import('/js/memos-service.js');
              const added = await shelfApi.post('/user/books', { title: 'Offline Added', author: 'Writer', totalPages: 200, category: 'ToRead' });
              await shelfApi.post(`/user/books/${added.userBookId}/start-reading`, { readingStartDate: '2026-11-30', readingProgress: 10, purchaseType: 'PURCHASE' });
              await createMemo({ ...newDraft(), memoStartTime: memoStart }, { userBookId: added.userBookId, pageNumber: 25, content: 'a line on the new book', tags: [], tagCategory: 'TYPE', bookTitle: 'Offline Added' });
              return added.userBookId;
            }
            """, PageActions.TodayAt(9));
        Assert.StartsWith("local-", tempId);

        await page.GotoAsync("/#/shelf?tab=Reading");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Offline Added" })).ToBeVisibleAsync();
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Offline Added" }).ClickAsync();
        await Expect(page.GetByText("a line on the new book")).ToBeVisibleAsync();
        await Expect(EntryWaiting(page)).ToBeVisibleAsync();

        await page.Context.SetOfflineAsync(false);
        await WaitForEmptyQueueAsync(page, userId);
        foreach (var master in new[] { server.Primary, server.Secondary })
        {
            await using var connection = OfflineServer.Open(master);
            var entry = await connection.QuerySingleAsync<(long Id, string Category, long Progress)>(
                "SELECT ub.id, ub.category, ub.reading_progress FROM user_books ub JOIN books b ON b.id = ub.book_id WHERE ub.user_id = @userId AND b.title = 'Offline Added' AND ub.deleted_at IS NULL",
                new { userId });
            Assert.Equal("Reading", entry.Category);
            Assert.Equal(25, entry.Progress); // the memo on page 25 moved it on from the start's 10
            Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM memo WHERE user_book_id = @id AND deleted_at IS NULL", new { id = entry.Id }));
            Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM user_books WHERE user_id = @userId", new { userId }));
        }

        // The page under the temporary id now leads to the server's entry.
        await page.GotoAsync($"/#/book/{tempId}");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"#/book/\d+"));
        await Expect(page.GetByText("Page 25 of 200")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task RemoveOffline_HidesTheBookAtOnce_AndAfterAReloadOffline_ThenRemovesItOnBothMasters()
    {
        var (page, userId, seeder) = await ReaderAsync();
        var bookId = await seeder.AddBookAsync("Gone Book", 120, "ToRead");
        await page.ReloadAsync();
        await WaitCachedAsync(page, userId, $"/user/books/{bookId}");

        await page.Context.SetOfflineAsync(true);
        await page.GotoAsync("/#/shelf?tab=ToRead");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Gone Book" })).ToBeVisibleAsync();
        await page.GotoAsync($"/#/book/{bookId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My shelf" })).ToBeVisibleAsync();
        await page.GotoAsync("/#/shelf?tab=ToRead");
        await Expect(page.GetByText("Gone Book")).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My shelf" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Gone Book")).ToHaveCountAsync(0);
        Assert.Equal(0, await CountOnBothAsync("SELECT COUNT(*) FROM user_books WHERE id = @bookId AND deleted_at IS NOT NULL", bookId));

        await page.Context.SetOfflineAsync(false);
        await WaitForEmptyQueueAsync(page, userId);
        Assert.Equal(1, await CountOnBothAsync("SELECT COUNT(*) FROM user_books WHERE id = @bookId AND deleted_at IS NOT NULL", bookId));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ABookSeenInSearchResults_OpensAndIsAddedOffline_ThenArrivesOnBothMastersOnce()
    {
        var (page, userId, _) = await ReaderAsync();
        await WaitCachedAsync(page, userId, "/user/books");
        await page.GotoAsync("/#/search?q=한강");
        var link = page.GetByRole(AriaRole.Link, new() { Name = "소년이 온다" });
        await Expect(link).ToBeVisibleAsync();
        var isbn = (await link.GetAttributeAsync("href"))!.Split("isbn=")[1];
        await WaitCachedAsync(page, userId, $"/books/{isbn}");

        await page.Context.SetOfflineAsync(true);
        await link.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to my shelf" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Add to shelf" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/book/local-"));
        await Expect(EntryWaiting(page)).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "소년이 온다" })).ToBeVisibleAsync();
        Assert.Equal(0, await CountOfUserAsync(userId));

        await page.Context.SetOfflineAsync(false);
        await WaitForEmptyQueueAsync(page, userId);
        Assert.Equal(1, await CountOfUserAsync(userId));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task StartReadingOffline_ShowsAtOnce_AndAfterAReloadOffline_ThenReachesBothMastersOnce()
    {
        var (page, userId, seeder) = await ReaderAsync();
        var bookId = await seeder.AddBookAsync("Started Book", 250, "ToRead");
        await OpenOfflineAsync(page, userId, bookId, "Started Book");

        await page.GetByRole(AriaRole.Button, new() { Name = "Start reading" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Start reading" });
        await dialog.GetByLabel("Start date").FillAsync("2026-11-21");
        await dialog.GetByLabel("Pages read").FillAsync("30");
        await dialog.GetByLabel("Purchase type").SelectOptionAsync(new SelectOptionValue { Value = "RENTAL" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();

        await ExpectShownAsync(page, "Page 30 of 250", "Reading", "Borrowed", await DateTextAsync(page, "2026-11-21"));
        await page.ReloadAsync();
        await ExpectShownAsync(page, "Page 30 of 250", "Reading", "Borrowed", await DateTextAsync(page, "2026-11-21"));
        Assert.Equal("ToRead||||||||1", await EntryFieldsOnBothAsync(bookId));

        await page.Context.SetOfflineAsync(false);
        await WaitForEmptyQueueAsync(page, userId);
        Assert.Equal("Reading|2026-11-21|30|RENTAL|||||2", await EntryFieldsOnBothAsync(bookId));
        await Expect(EntryWaiting(page)).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task FinishReadingOffline_WithItsDateRatingAndReview_ShowsAtOnce_AndAfterAReloadOffline_ThenReachesBothMastersOnce()
    {
        var (page, userId, seeder) = await ReaderAsync();
        var bookId = await seeder.AddBookAsync("Finished Book", 180, "Reading", 90);
        await OpenOfflineAsync(page, userId, bookId, "Finished Book");

        await page.GetByRole(AriaRole.Button, new() { Name = "Finish reading" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Finish reading" });
        await dialog.GetByLabel("Finish date").FillAsync("2026-11-25");
        await dialog.GetByRole(AriaRole.Radio, new() { Name = "4 stars" }).CheckAsync();
        await dialog.GetByLabel("Review").FillAsync("Read it on the train, all of it.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Mark as finished" }).ClickAsync();

        var finished = await DateTextAsync(page, "2026-11-25");
        await ExpectShownAsync(page, "Page 180 of 180", "Finished", finished, "Read it on the train, all of it.");
        await Expect(page.Locator(".details").GetByLabel("4 stars")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await ExpectShownAsync(page, "Page 180 of 180", "Finished", finished, "Read it on the train, all of it.");
        await Expect(page.Locator(".details").GetByLabel("4 stars")).ToBeVisibleAsync();
        Assert.Equal("Reading|2026-01-01|90||||||1", await EntryFieldsOnBothAsync(bookId));

        await page.Context.SetOfflineAsync(false);
        await WaitForEmptyQueueAsync(page, userId);
        Assert.Equal("Finished|2026-01-01|180||2026-11-25|4|Read it on the train, all of it.||2", await EntryFieldsOnBothAsync(bookId));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CloseTheBookOffline_AfterAMemoOnABookNotStarted_TheMemoGoesFirstAndStartsIt_ThenBothArriveOnce()
    {
        var (page, userId, seeder) = await ReaderAsync();
        var bookId = await seeder.AddBookAsync("Closed Book", 200, "ToRead");
        await seeder.PutAsync($"/api/v1/user/books/{bookId}", new { purchaseType = "PURCHASE" });
        await page.ReloadAsync();
        await WaitCachedAsync(page, userId, $"/user/books/{bookId}");
        await page.GotoAsync("/#/flow");
        await Expect(page.Locator("#flow-date")).ToBeVisibleAsync();

        await page.Context.SetOfflineAsync(true);
        await WriteMemoAsync(page, "a line before closing", 40);
        await page.GetByRole(AriaRole.Button, new() { Name = "Close the book" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Close the book" });
        await Expect(dialog.GetByLabel("Last page read")).ToHaveValueAsync("40"); // the session's highest page
        await dialog.GetByLabel("Last page read").FillAsync("120");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close the book" }).ClickAsync();
        await Expect(PageActions.Toast(page, "Saved on this device. It will be sent when you are back online.")).ToBeVisibleAsync();

        await page.GotoAsync($"/#/book/{bookId}");
        // The book was not started: the close starts it on its first memo's day (today), shown at once.
        var started = await DateTextAsync(page, await page.EvaluateAsync<string>("async () => (await import('/js/time.js')).today()"));
        await ExpectShownAsync(page, "Page 120 of 200", started);
        await Expect(page.Locator("#net-status")).ToContainTextAsync("1 memo waiting to sync · 1 shelf change waiting to sync");
        await page.ReloadAsync();
        await ExpectShownAsync(page, "Page 120 of 200", started);
        await Expect(page.GetByText("a line before closing")).ToBeVisibleAsync();
        Assert.Equal(0, await CountOnBothAsync("SELECT COUNT(*) FROM memo WHERE user_book_id = @bookId", bookId));

        await page.Context.SetOfflineAsync(false);
        await WaitForEmptyQueueAsync(page, userId);
        // The memo went first: it started the book on its day (page 0→40), then the close moved it on to 120. Each
        // of the four writes (add, purchase type, memo, close) moved the version once.
        var today = await page.EvaluateAsync<string>("async () => (await import('/js/time.js')).today()");
        Assert.Equal($"Reading|{today}|120|PURCHASE|||||4", await EntryFieldsOnBothAsync(bookId));
        Assert.Equal(1, await CountOnBothAsync("SELECT COUNT(*) FROM memo WHERE user_book_id = @bookId AND deleted_at IS NULL", bookId));
        Assert.Equal(1, await CountOnBothAsync("SELECT COUNT(*) FROM progress_history WHERE user_book_id = @bookId AND to_page = 120 AND from_page = 40", bookId));
        Assert.Equal(2, await CountOnBothAsync("SELECT COUNT(*) FROM progress_history WHERE user_book_id = @bookId", bookId));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task PurchaseTypeAndExpectationEditedOffline_OneOnTheOther_ShowAtOnce_AndAfterAReloadOffline_ThenEachReachesBothMastersOnce()
    {
        var (page, userId, seeder) = await ReaderAsync();
        var bookId = await seeder.AddBookAsync("Edited Book", 300, "ToRead");
        await OpenOfflineAsync(page, userId, bookId, "Edited Book");

        await page.GetByRole(AriaRole.Button, new() { Name = "Edit Purchase type" }).ClickAsync();
        await page.Locator(".details").GetByLabel("Purchase type").SelectOptionAsync(new SelectOptionValue { Value = "RENTAL" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await ExpectShownAsync(page, "Borrowed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit Expectation" }).ClickAsync();
        await page.Locator(".details").GetByLabel("Expectation").FillAsync("A quiet book for the commute");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await ExpectShownAsync(page, "Borrowed", "A quiet book for the commute");
        await page.ReloadAsync();
        await ExpectShownAsync(page, "Borrowed", "A quiet book for the commute");
        Assert.Equal(2, (await QueueAsync(page, userId)).Items().Count());

        await page.Context.SetOfflineAsync(false);
        await WaitForEmptyQueueAsync(page, userId);
        // Two writes, each once: the version moved on by two, and neither lost to the other.
        Assert.Equal("ToRead|||RENTAL||||A quiet book for the commute|3", await EntryFieldsOnBothAsync(bookId));
        Assert.Empty(await ConflictsOnBothAsync(bookId));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task RatingAndReviewEditedOffline_ShowAtOnce_AndAfterAReloadOffline_ThenReachBothMastersOnce()
    {
        var (page, userId, seeder) = await ReaderAsync();
        var bookId = await seeder.AddBookAsync("Rated Book", 150, "Reading", 70);
        await seeder.PostAsync($"/api/v1/user/books/{bookId}/finish-reading", new { readingFinishedDate = "2026-11-10", rating = 2, review = "Slow." });
        await OpenOfflineAsync(page, userId, bookId, "Rated Book");

        await page.GetByRole(AriaRole.Button, new() { Name = "Edit rating and review" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Radio, new() { Name = "5 stars" }).CheckAsync();
        await dialog.GetByLabel("Review").FillAsync("Slow, then wonderful.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await ExpectShownAsync(page, "Slow, then wonderful.");
        await Expect(page.Locator(".details").GetByLabel("5 stars")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await ExpectShownAsync(page, "Slow, then wonderful.");
        await Expect(page.Locator(".details").GetByLabel("5 stars")).ToBeVisibleAsync();
        Assert.Equal("Finished|2026-01-01|150||2026-11-10|2|Slow.||2", await EntryFieldsOnBothAsync(bookId));

        await page.Context.SetOfflineAsync(false);
        await WaitForEmptyQueueAsync(page, userId);
        Assert.Equal("Finished|2026-01-01|150||2026-11-10|5|Slow, then wonderful.||3", await EntryFieldsOnBothAsync(bookId));
        await page.Context.CloseAsync();
    }

    /// <summary>The entry page's own line for its changes that wait (the connection line under the header says it too).</summary>
    private static ILocator EntryWaiting(IPage page) => page.Locator(".book-detail").GetByText("Changes waiting to sync");

    /// <summary>Caches the entry online, then opens its page with the network gone.</summary>
    private static async Task OpenOfflineAsync(IPage page, long userId, long bookId, string title)
    {
        await page.ReloadAsync();
        await WaitCachedAsync(page, userId, $"/user/books/{bookId}");
        await page.Context.SetOfflineAsync(true);
        await page.GotoAsync($"/#/book/{bookId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
    }

    /// <summary>The entry's page shows each text, and that its changes wait.</summary>
    private static async Task ExpectShownAsync(IPage page, params string[] texts)
    {
        await Expect(EntryWaiting(page)).ToBeVisibleAsync();
        foreach (var text in texts)
        {
            await Expect(page.Locator(".book-detail").GetByText(text, new() { Exact = false }).First).ToBeVisibleAsync();
        }
    }

    private static Task<string> DateTextAsync(IPage page, string wire) =>
        page.EvaluateAsync<string>("async (d) => (await import('/js/time.js')).formatDate(d)", wire);

    /// <summary>
    /// The entry's reading state on both masters (which must agree), as
    /// category|start|progress|purchase|finish|rating|review|expectation|version, an empty slot for none.
    /// </summary>
    private Task<string> EntryFieldsOnBothAsync(long bookId) => server.OnBothAsync(async c =>
    {
        var row = (IDictionary<string, object?>)await c.QuerySingleAsync(
            "SELECT category, reading_start_date, reading_progress, purchase_type, reading_finished_date, rating, review, expectation, version FROM user_books WHERE id = @bookId",
            new { bookId });
        return string.Join('|', row.Values.Select(v => v is null or DBNull ? "" : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)));
    });

    private Task<long> CountOfUserAsync(long userId) => server.OnBothAsync(c => c.ExecuteScalarAsync<long>(
        "SELECT COUNT(*) FROM user_books ub JOIN books b ON b.id = ub.book_id WHERE ub.user_id = @userId AND b.title = '소년이 온다' AND ub.deleted_at IS NULL",
        new { userId }));

    private async Task<(IPage Page, long UserId, ApiSeeder Seeder)> ReaderAsync()
    {
        var seeder = await new ApiSeeder(server.DirectUrl).SignUpAndLoginAsync();
        var page = await OpenAsync(fixture, server, seeder.LoginId);
        return (page, await UserIdAsync(page), seeder);
    }

    private static async Task SetPagesReadAsync(IPage page, int pages)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit Pages read" }).ClickAsync();
        await page.GetByLabel("Pages read").FillAsync(pages.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
    }

    /// <summary>Waits until the app cached the read at <paramref name="path"/> (it does when it starts online).</summary>
    private static async Task WaitCachedAsync(IPage page, long userId, string path)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await page.EvaluateAsync<bool>(EntryCached, new object[] { $"reading-tracker-u{userId}", path }))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{path} was never cached");
    }

    private Task<(int? Progress, string Category, int Version)> EntryOnBothAsync(long bookId) => server.OnBothAsync(async c =>
    {
        var row = await c.QuerySingleAsync<(long? Progress, string Category, long Version)>(
            "SELECT reading_progress, category, version FROM user_books WHERE id = @bookId", new { bookId });
        return ((int?)row.Progress, row.Category, (int)row.Version);
    });

    private Task<long> CountOnBothAsync(string sql, long bookId) => server.OnBothAsync(c => c.ExecuteScalarAsync<long>(sql, new { bookId }));

    private Task<IReadOnlyList<string>> ConflictsOnBothAsync(long bookId) => server.OnBothAsync<IReadOnlyList<string>>(async c =>
    {
        var rows = await c.QueryAsync<(string Field, string? Lost, string? Kept, string Loser)>(
            "SELECT field, lost_value, kept_value, loser FROM shelf_conflicts WHERE user_book_id = @bookId ORDER BY id", new { bookId });
        return [.. rows.Select(r => $"{r.Field} {r.Lost}→{r.Kept} {r.Loser}")];
    });
}
