using System.Globalization;
using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using static ReadingTracker.Api.IntegrationTests.Shelf.ProgressTestData;

namespace ReadingTracker.Api.IntegrationTests.Shelf;

/// <summary>
/// Issue 13, "memo pages and progress don't meet": memos on pp. 152–171 left progress at 150, and a memo on p. 9999 of a
/// 247-page book was accepted. A memo past the progress now moves it forward in the memo's own write, on both masters,
/// never backward; a page past the book is 400 and writes nothing.
/// </summary>
public sealed class ProgressFollowsMemosTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task CreateMemo_PastTheProgress_MovesItForward_OnBothMasters_AndAnswersWhereItStands()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddReadingAsync(progress: 150, totalPages: 300);

        var memo = await client.MemoOnPageAsync(book, 171);

        Assert.True(memo.Ok, memo.ToString());
        Assert.Equal((171, "Reading", true, false), memo.Data.Progress());
        Assert.Equal(300, memo.Data.GetProperty("progress").GetProperty("totalPages").GetInt32());
        Assert.Equal((171, "Reading"), await EntryOnBothAsync(app, book));
        Assert.Equal(["150→171 MEMO"], await HistoryOnBothAsync(app, book));
        var entry = await client.GetEntryAsync(book);
        Assert.Equal(171, entry.Number("lastReadPage"));
    }

    [Fact]
    public async Task CreateMemo_AtOrBelowTheProgress_LeavesIt_AndWritesNoHistory()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddReadingAsync(progress: 150, totalPages: 300);

        var below = await client.MemoOnPageAsync(book, 120);
        var at = await client.MemoOnPageAsync(book, 150);

        Assert.Equal((150, "Reading", false, false), below.Data.Progress());
        Assert.Equal((150, "Reading", false, false), at.Data.Progress());
        Assert.Equal((150, "Reading"), await EntryOnBothAsync(app, book));
        Assert.Empty(await HistoryOnBothAsync(app, book));
    }

    [Fact]
    public async Task CreateMemo_OnAnEntryWithoutProgress_CountsItAsZero()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddToReadAsync(totalPages: 300);

        var memo = await client.MemoOnPageAsync(book, 3);

        // A book not yet started keeps its category: only a book being read follows its progress.
        Assert.Equal((3, "ToRead", true, false), memo.Data.Progress());
        Assert.Equal(["-→3 MEMO"], await HistoryOnBothAsync(app, book));
    }

    [Fact]
    public async Task CreateMemo_At70Percent_MovesReadingToAlmostFinished()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddReadingAsync(progress: 150, totalPages: 300);

        var memo = await client.MemoOnPageAsync(book, 210);

        Assert.Equal((210, "AlmostFinished", true, false), memo.Data.Progress());
        Assert.Equal((210, "AlmostFinished"), await EntryOnBothAsync(app, book));
    }

    [Fact]
    public async Task CreateMemo_OnTheLastPage_StopsAtAlmostFinished_AndSaysTheLastPageIsReached()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddReadingAsync(progress: 150, totalPages: 300);

        var memo = await client.MemoOnPageAsync(book, 300);

        Assert.Equal((300, "AlmostFinished", true, true), memo.Data.Progress());
        Assert.Equal((300, "AlmostFinished"), await EntryOnBothAsync(app, book));
        Assert.Null((await client.GetEntryAsync(book)).Text("readingFinishedDate"));
    }

    [Fact]
    public async Task CreateMemo_PastTheLastPage_Is400OnPageNumber_AndWritesNothing()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddReadingAsync(progress: 150, totalPages: 247);
        var clientId = Guid.NewGuid().ToString();

        var memo = await client.MemoOnPageAsync(book, 9999, clientId);

        Assert.Equal(HttpStatusCode.BadRequest, memo.Status);
        Assert.Equal("VALIDATION_FAILED", memo.ErrorCode);
        Assert.Equal(["pageNumber"], memo.ErrorFields);
        foreach (var master in new[] { app.Primary, app.Secondary })
        {
            Assert.Equal(0, await MasterSql.CountAsync(master, "SELECT COUNT(*) FROM memo WHERE user_book_id = @book", new { book }));
        }

        Assert.Equal((150, "Reading"), await EntryOnBothAsync(app, book));
        Assert.Empty(await HistoryOnBothAsync(app, book));
        // The last page itself is fine.
        Assert.True((await client.MemoOnPageAsync(book, 247, clientId)).Ok);
    }

    [Fact]
    public async Task CreateMemo_OnABookOfUnknownLength_MovesTheProgress_AndTheCategoryStays()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddReadingAsync(progress: 10, totalPages: null);

        var memo = await client.MemoOnPageAsync(book, 9999);

        Assert.Equal((9999, "Reading", true, false), memo.Data.Progress());
    }

    [Fact]
    public async Task Batch_WithSeveralMemosOnOneEntry_MovesItOnce_ToTheHighestPage_AndAPageTooFarFailsAlone()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddReadingAsync(progress: 10, totalPages: 300);
        var other = await client.AddReadingAsync(progress: 100, totalPages: 300);
        object Item(long entry, int page) => new
        {
            userBookId = entry, pageNumber = page, content = $"p.{page}", memoStartTime = "2026-11-02T10:00:00", clientId = Guid.NewGuid().ToString(),
        };

        var result = await client.PostAsync("/api/v1/memos/batch", new { memos = new[] { Item(book, 40), Item(book, 90), Item(other, 50), Item(book, 60), Item(book, 301) } });

        Assert.True(result.Ok, result.ToString());
        var items = result.Data.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([200, 200, 200, 200, 400], items.Select(i => i.GetProperty("status").GetInt32()));
        Assert.Equal("pageNumber", items[4].GetProperty("error").GetProperty("fields")[0].GetProperty("name").GetString());
        Assert.All([items[0], items[1], items[3]], i => Assert.Equal((90, "Reading", true, false), i.GetProperty("memo").Progress()));
        Assert.Equal((100, "Reading", false, false), items[2].GetProperty("memo").Progress());
        Assert.Equal(["10→90 MEMO"], await HistoryOnBothAsync(app, book));
        Assert.Empty(await HistoryOnBothAsync(app, other));
        Assert.Equal((90, "Reading"), await EntryOnBothAsync(app, book));
    }

    [Fact]
    public async Task UpdateMemo_ToALaterPage_MovesTheProgress_AndAPageTooFarIs400AndChangesNothing()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddReadingAsync(progress: 150, totalPages: 300);
        var created = await client.MemoOnPageAsync(book, 100);
        var id = created.Data.GetProperty("id").GetInt64();

        var tooFar = await client.PutAsync($"/api/v1/memos/{id}", new { pageNumber = 301 });
        Assert.Equal(HttpStatusCode.BadRequest, tooFar.Status);
        Assert.Equal(["pageNumber"], tooFar.ErrorFields);
        Assert.Equal(1, await MasterSql.CountAsync(app.Primary, "SELECT version FROM memo WHERE id = @id", new { id }));

        var moved = await client.PutAsync($"/api/v1/memos/{id}", new { pageNumber = 180 });
        Assert.True(moved.Ok, moved.ToString());
        Assert.Equal((180, "Reading", true, false), moved.Data.Progress());

        // An update that sends no page does not touch the progress (and says nothing about it).
        var text = await client.PutAsync($"/api/v1/memos/{id}", new { content = "고친 글" });
        Assert.False(text.Data.TryGetProperty("progress", out _));

        // Moving a memo back does not move the progress back.
        var back = await client.PutAsync($"/api/v1/memos/{id}", new { pageNumber = 20 });
        Assert.Equal((180, "Reading", false, false), back.Data.Progress());
        Assert.Equal((180, "Reading"), await EntryOnBothAsync(app, book));
        Assert.Equal(["150→180 MEMO"], await HistoryOnBothAsync(app, book));
    }

    [Fact]
    public async Task ConcurrentCreates_OnOneEntry_NeverMoveTheProgressBackward()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddReadingAsync(progress: 1, totalPages: 1000);
        // Pages in an order that puts lower pages after higher ones, all sent at once.
        int[] pages = [500, 120, 730, 260, 910, 40, 650, 880, 330, 700, 15, 905];

        var results = await Task.WhenAll(pages.Select(p => client.MemoOnPageAsync(book, p)));

        Assert.All(results, r => Assert.True(r.Ok, r.ToString()));
        Assert.Equal(910, (await EntryOnBothAsync(app, book)).Progress);
        var history = await HistoryOnBothAsync(app, book);
        // Each move starts where the one before it ended, and goes up.
        var steps = history.Select(h => h.Split(' ')[0].Split('→'))
            .Select(s => (From: int.Parse(s[0], CultureInfo.InvariantCulture), To: int.Parse(s[1], CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(1, steps[0].From);
        Assert.Equal(910, steps[^1].To);
        Assert.All(steps.Zip(steps.Skip(1)), pair => Assert.Equal(pair.First.To, pair.Second.From));
        Assert.All(steps, s => Assert.True(s.To > s.From, $"{s.From}→{s.To}"));
        Assert.Equal(steps.Count, results.Count(r => r.Data.Progress().Moved));
        await MasterSql.AssertMastersIdenticalAsync(app);
    }

    [Fact]
    public async Task WhenSecondaryRejectsAMovingCreate_Primary_GetsItsProgressBack_AndKeepsNoMemoAndNoHistory()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddReadingAsync(progress: 150, totalPages: 300);
        var before = await ShelfMasterQueries.UserBookRowAsync(app.Primary, book);
        await MasterSql.ExecuteAsync(app.Secondary, "ALTER TABLE progress_history RENAME TO progress_history_away");
        try
        {
            var memo = await client.MemoOnPageAsync(book, 250);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, memo.Status);
            Assert.Equal(before, await ShelfMasterQueries.UserBookRowAsync(app.Primary, book));
            Assert.Equal(0, await MasterSql.CountAsync(app.Primary, "SELECT COUNT(*) FROM memo WHERE user_book_id = @book", new { book }));
            Assert.Empty(await HistoryOnAsync(app.Primary, book));
        }
        finally
        {
            await MasterSql.ExecuteAsync(app.Secondary, "ALTER TABLE progress_history_away RENAME TO progress_history");
        }

        await MasterSql.AssertMastersIdenticalAsync(app);
        var retry = await client.MemoOnPageAsync(book, 250);
        Assert.Equal((250, "AlmostFinished", true, false), retry.Data.Progress());
    }
}
