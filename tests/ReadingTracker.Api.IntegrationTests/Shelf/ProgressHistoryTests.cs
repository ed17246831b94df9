using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using static ReadingTracker.Api.IntegrationTests.Shelf.ProgressTestData;

namespace ReadingTracker.Api.IntegrationTests.Shelf;

/// <summary>
/// Issue 13: every change of an entry's progress from now on leaves a history row (the later statistics read it), whatever
/// moved it, and only when the page really changes; GET /user/books/{id}/progress-history pages it, newest first.
/// </summary>
public sealed class ProgressHistoryTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task UpdateShelfBook_RecordsAManualChange_OnlyWhenThePageChanges()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddReadingAsync(progress: 150, totalPages: 300);

        Assert.True((await client.PutAsync($"{ShelfTestData.Books}/{book}", new { readingProgress = 180 })).Ok);
        Assert.True((await client.PutAsync($"{ShelfTestData.Books}/{book}", new { expectation = "기대" })).Ok);
        Assert.True((await client.PutAsync($"{ShelfTestData.Books}/{book}", new { readingProgress = 180 })).Ok);

        Assert.Equal(["150→180 MANUAL"], await HistoryOnBothAsync(app, book));
    }

    [Fact]
    public async Task StartFinishAndClose_EachRecordTheirChange()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var started = await client.AddToReadAsync(totalPages: 300);
        var finished = await client.AddReadingAsync(progress: 150, totalPages: 300);
        var closed = await client.AddReadingAsync(progress: 150, totalPages: 300);

        Assert.True((await client.PostAsync($"{ShelfTestData.Books}/{started}/start-reading", new { readingStartDate = "2026-11-01", readingProgress = 5 })).Ok);
        Assert.True((await client.PostAsync($"{ShelfTestData.Books}/{finished}/finish-reading", new { readingFinishedDate = "2026-11-20", rating = 5 })).Ok);
        Assert.True((await client.PostAsync($"/api/v1/memos/books/{closed}/close", new { lastReadPage = 171 })).Ok);

        Assert.Equal(["-→5 START"], await HistoryOnBothAsync(app, started));
        Assert.Equal(["150→300 FINISH"], await HistoryOnBothAsync(app, finished));
        Assert.Equal(["150→171 CLOSE"], await HistoryOnBothAsync(app, closed));
    }

    [Fact]
    public async Task CloseAtTheSamePage_RecordsNothing()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddReadingAsync(progress: 150, totalPages: 300);

        Assert.True((await client.PostAsync($"/api/v1/memos/books/{book}/close", new { lastReadPage = 150 })).Ok);

        Assert.Empty(await HistoryOnBothAsync(app, book));
    }

    [Fact]
    public async Task History_IsPaged_NewestFirst_WithEverySource()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddReadingAsync(progress: 10, totalPages: 300);
        Assert.True((await client.MemoOnPageAsync(book, 40)).Ok);
        Assert.True((await client.PutAsync($"{ShelfTestData.Books}/{book}", new { readingProgress = 60 })).Ok);
        Assert.True((await client.PostAsync($"/api/v1/memos/books/{book}/close", new { lastReadPage = 90 })).Ok);

        var first = await client.GetAsync($"{ShelfTestData.Books}/{book}/progress-history?limit=2");
        Assert.True(first.Ok, first.ToString());
        var changes = first.Data.EnumerateArray().ToList();
        Assert.Equal(["CLOSE", "MANUAL"], changes.Select(c => c.GetProperty("source").GetString()));
        Assert.Equal((60, 90), (changes[0].Number("fromPage"), changes[0].Number("toPage")));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$", changes[0].GetProperty("at").GetString());
        var cursor = first.Body.GetProperty("nextCursor").GetString();
        Assert.NotNull(cursor);

        var second = await client.GetAsync($"{ShelfTestData.Books}/{book}/progress-history?limit=2&cursor={cursor}");
        Assert.True(second.Ok, second.ToString());
        var last = Assert.Single(second.Data.EnumerateArray());
        Assert.Equal(("MEMO", 10, 40), (last.GetProperty("source").GetString(), last.Number("fromPage"), last.Number("toPage")));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second.Body.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task History_OfAnotherUsersEntry_Is404_AndABadCursorOrLimitIs400()
    {
        var owner = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await owner.AddReadingAsync(progress: 10, totalPages: 300);
        Assert.True((await owner.MemoOnPageAsync(book, 40)).Ok);
        var stranger = await app.CreateApiClient().SignUpAndLoginAsync();

        var theirs = await stranger.GetAsync($"{ShelfTestData.Books}/{book}/progress-history");
        Assert.Equal(HttpStatusCode.NotFound, theirs.Status);

        var badCursor = await owner.GetAsync($"{ShelfTestData.Books}/{book}/progress-history?cursor=nope");
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.Status);
        Assert.Equal(["cursor"], badCursor.ErrorFields);
        var badLimit = await owner.GetAsync($"{ShelfTestData.Books}/{book}/progress-history?limit=100000");
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.Status);
    }
}
