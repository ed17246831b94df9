using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Shelf;

/// <summary>
/// Late shelf changes (ADR-013): a change sent with a baseVersion older than the entry's is resolved per field — pages
/// read: the larger wins; category and the other fields: the late change wins — and every losing value is named in the
/// answer and kept in shelf_conflicts on both masters; nothing is silently dropped.
/// </summary>
public sealed class ShelfConflictTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Books = ShelfTestData.Books;

    [Fact]
    public async Task Version_MovesOnEveryWriteOfTheEntry_IncludingAMemoThatMovesTheProgress()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddReadingAsync(progress: 30);
        Assert.Equal(1, (await reader.GetEntryAsync(id)).Number("version"));

        var put = await reader.PutAsync($"{Books}/{id}", new { expectation = "x" });
        Assert.Equal(2, put.Data.GetProperty("book").Number("version"));
        Assert.True((await reader.MemoOnPageAsync(id, 60)).Ok);

        Assert.Equal(3, (await reader.GetEntryAsync(id)).Number("version"));
        Assert.Equal(3, await VersionOnBothAsync(id));
    }

    [Fact]
    public async Task LatePagesRead_BelowTheStoredOnes_KeepsTheLarger_AndNamesTheLoser_OnBothMasters()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddReadingAsync(progress: 30);
        Assert.True((await reader.PutAsync($"{Books}/{id}", new { readingProgress = 100, baseVersion = 1 })).Ok);

        var late = await reader.PutAsync($"{Books}/{id}", new { readingProgress = 50, baseVersion = 1 });

        Assert.True(late.Ok, late.ToString());
        Assert.True(late.Data.GetProperty("conflict").GetBoolean());
        Assert.Equal(100, late.Data.GetProperty("book").Number("readingProgress"));
        Assert.Equal(["readingProgress 50→100 REQUEST"], Lost(late.Data));
        Assert.Equal(100, (await ProgressTestData.EntryOnBothAsync(app, id)).Progress);
        Assert.Equal(["readingProgress 50→100 REQUEST"], await ConflictsOnBothAsync(id));
    }

    [Fact]
    public async Task LatePagesRead_AboveTheStoredOnes_Wins_WithNothingLost()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddReadingAsync(progress: 30);
        Assert.True((await reader.PutAsync($"{Books}/{id}", new { readingProgress = 100 })).Ok);

        var late = await reader.PutAsync($"{Books}/{id}", new { readingProgress = 150, baseVersion = 1 });

        Assert.Equal(150, late.Data.GetProperty("book").Number("readingProgress"));
        Assert.Empty(Lost(late.Data));
        Assert.Empty(await ConflictsOnBothAsync(id));
    }

    [Fact]
    public async Task LateClose_OnAnEarlierPage_NeverMovesThePagesReadBack()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddReadingAsync(progress: 30);
        Assert.True((await reader.MemoOnPageAsync(id, 120)).Ok);

        var late = await reader.PostAsync($"/api/v1/memos/books/{id}/close", new { lastReadPage = 80, baseVersion = 1 });

        Assert.True(late.Ok, late.ToString());
        Assert.Equal(120, (await ProgressTestData.EntryOnBothAsync(app, id)).Progress);
        Assert.Equal(["readingProgress 80→120 REQUEST"], Lost(late.Data));
    }

    [Fact]
    public async Task LateCategoryMove_Wins_AndTheCategoryItReplaced_IsKeptOnBothMasters()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddReadingAsync(progress: 30);
        Assert.True((await reader.PutAsync($"{Books}/{id}/category?category=AlmostFinished", null)).Ok);

        var late = await reader.PutAsync($"{Books}/{id}/category?category=ToRead&baseVersion=1", null);

        Assert.True(late.Ok, late.ToString());
        Assert.Equal("ToRead", late.Data.GetProperty("book").Text("category"));
        Assert.Equal(["category AlmostFinished→ToRead STORED"], Lost(late.Data));
        Assert.Equal("ToRead", (await ProgressTestData.EntryOnBothAsync(app, id)).Category);
        Assert.Equal(["category AlmostFinished→ToRead STORED"], await ConflictsOnBothAsync(id));
    }

    [Fact]
    public async Task LateRatingAndReview_Win_AndTheReplacedValuesAreKept()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddReadingAsync(progress: 30);
        Assert.True((await reader.PostAsync($"{Books}/{id}/finish-reading", new { readingFinishedDate = "2026-02-01", rating = 3, review = "ok" })).Ok);
        var seen = (await reader.GetEntryAsync(id)).Number("version");
        Assert.True((await reader.PutAsync($"{Books}/{id}", new { rating = 2, review = "meh", purchaseType = "RENTAL" })).Ok);

        var late = await reader.PutAsync($"{Books}/{id}", new { rating = 5, review = "great", purchaseType = "PURCHASE", baseVersion = seen });

        var book = late.Data.GetProperty("book");
        Assert.Equal((5, "great", "PURCHASE"), (book.Number("rating"), book.Text("review"), book.Text("purchaseType")));
        Assert.Equal(["purchaseType RENTAL→PURCHASE STORED", "rating 2→5 STORED", "review meh→great STORED"], Lost(late.Data).Order());
        Assert.Equal(3, (await ConflictsOnBothAsync(id)).Count);
    }

    [Fact]
    public async Task ChangeOnTheCurrentVersion_IsNoConflict()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddReadingAsync(progress: 30);

        var result = await reader.PutAsync($"{Books}/{id}", new { readingProgress = 10, baseVersion = 1 });

        Assert.False(result.Data.GetProperty("conflict").GetBoolean());
        Assert.Equal(10, result.Data.GetProperty("book").Number("readingProgress"));
        Assert.Empty(await ConflictsOnBothAsync(id));
    }

    [Fact]
    public async Task RemoveAfterAChange_Wins_AndALateChangeOfTheRemovedEntry_Is404_ChangingNothing()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddReadingAsync(progress: 30);
        Assert.True((await reader.PutAsync($"{Books}/{id}", new { readingProgress = 90 })).Ok);

        Assert.True((await reader.DeleteAsync($"{Books}/{id}")).Ok);
        var before = await ShelfMasterQueries.UserBookOnBothAsync(app, id);
        var late = await reader.PutAsync($"{Books}/{id}", new { readingProgress = 120, baseVersion = 1 });

        Assert.Equal(HttpStatusCode.NotFound, late.Status);
        Assert.Equal(before, await ShelfMasterQueries.UserBookOnBothAsync(app, id));
    }

    [Fact]
    public async Task LateChange_RetriedWithTheSameIdempotencyKey_ReturnsTheFirstAnswer_AndKeepsTheLoserOnce()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddReadingAsync(progress: 30);
        Assert.True((await reader.PutAsync($"{Books}/{id}", new { readingProgress = 100 })).Ok);
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Late() => new(HttpMethod.Put, $"{Books}/{id}")
        {
            Content = JsonContent.Create(new { readingProgress = 50, baseVersion = 1 }), Headers = { { "Idempotency-Key", key } },
        };

        var first = await reader.SendAsync(Late());
        var retry = await reader.SendAsync(Late());

        Assert.Equal(first.Body.ToString(), retry.Body.ToString());
        Assert.Equal(["readingProgress 50→100 REQUEST"], await ConflictsOnBothAsync(id));
        Assert.Equal(3, await VersionOnBothAsync(id));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public async Task BaseVersionBelowOne_Is400_AndChangesNothing(int baseVersion)
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddReadingAsync(progress: 30);
        var before = await ShelfMasterQueries.UserBookOnBothAsync(app, id);

        var result = await reader.PutAsync($"{Books}/{id}", new { readingProgress = 50, baseVersion });
        var move = await reader.PutAsync($"{Books}/{id}/category?category=ToRead&baseVersion={baseVersion}", null);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (result.Status, move.Status));
        Assert.Contains("baseVersion", result.ErrorFields);
        Assert.Equal(before, await ShelfMasterQueries.UserBookOnBothAsync(app, id));
    }

    [Fact]
    public async Task LateChange_OfAnotherUsersEntry_Is404_AndChangesNothing()
    {
        var owner = await app.CreateApiClient().SignUpAndLoginAsync();
        var other = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await owner.AddReadingAsync(progress: 30);
        Assert.True((await owner.PutAsync($"{Books}/{id}", new { readingProgress = 100 })).Ok);
        var before = await ShelfMasterQueries.UserBookOnBothAsync(app, id);

        var result = await other.PutAsync($"{Books}/{id}", new { readingProgress = 5, baseVersion = 1 });

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Equal(before, await ShelfMasterQueries.UserBookOnBothAsync(app, id));
        Assert.Empty(await ConflictsOnBothAsync(id));
    }

    [Fact]
    public async Task Conflicts_AreReadBack_NewestFirst_Paged_OnlyByTheEntrysOwner()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddReadingAsync(progress: 30);
        Assert.True((await reader.PutAsync($"{Books}/{id}", new { readingProgress = 100, baseVersion = 1 })).Ok);
        Assert.True((await reader.PutAsync($"{Books}/{id}", new { readingProgress = 50, baseVersion = 1 })).Ok);
        Assert.True((await reader.PutAsync($"{Books}/{id}/category?category=AlmostFinished", new { })).Ok);
        Assert.True((await reader.PutAsync($"{Books}/{id}/category?category=Reading&baseVersion=3", new { })).Ok);

        var first = await reader.GetAsync($"{Books}/{id}/conflicts?limit=1");
        Assert.True(first.Ok, first.ToString());
        var newest = Assert.Single(first.Data.EnumerateArray());
        Assert.Equal("category AlmostFinished→Reading STORED", Line(newest));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$", newest.GetProperty("at").GetString());
        Assert.True(newest.GetProperty("id").GetInt64() > 0);
        var second = await reader.GetAsync($"{Books}/{id}/conflicts?limit=1&cursor={first.Body.GetProperty("nextCursor").GetString()}");
        Assert.Equal("readingProgress 50→100 REQUEST", Line(Assert.Single(second.Data.EnumerateArray())));
        Assert.Equal(JsonValueKind.Null, second.Body.GetProperty("nextCursor").ValueKind);

        var stranger = await app.CreateApiClient().SignUpAndLoginAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"{Books}/{id}/conflicts")).Status);
        var badCursor = await reader.GetAsync($"{Books}/{id}/conflicts?cursor=nope");
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.Status);
        Assert.Equal(["cursor"], badCursor.ErrorFields);
        Assert.Equal(HttpStatusCode.BadRequest, (await reader.GetAsync($"{Books}/{id}/conflicts?limit=100000")).Status);
        var none = await reader.GetAsync($"{Books}/{await reader.AddReadingAsync(progress: 5)}/conflicts");
        Assert.Empty(none.Data.EnumerateArray());

        static string Line(JsonElement c) =>
            $"{c.GetProperty("field").GetString()} {c.GetProperty("lost").GetString()}→{c.GetProperty("kept").GetString()} {c.GetProperty("loser").GetString()}";
    }

    private static IReadOnlyList<string> Lost(JsonElement data) =>
        [.. data.GetProperty("lost").EnumerateArray().Select(l =>
            $"{l.GetProperty("field").GetString()} {l.Text("lost")}→{l.Text("kept")} {l.GetProperty("loser").GetString()}")];

    private async Task<IReadOnlyList<string>> ConflictsOnBothAsync(long userBookId)
    {
        async Task<IReadOnlyList<string>> On(string master)
        {
            await using var connection = MasterSql.Open(master);
            var rows = await connection.QueryAsync<(string Field, string? Lost, string? Kept, string Loser)>(
                "SELECT field, lost_value, kept_value, loser FROM shelf_conflicts WHERE user_book_id = @userBookId ORDER BY field, id", new { userBookId });
            return [.. rows.Select(r => $"{r.Field} {r.Lost}→{r.Kept} {r.Loser}")];
        }

        var primary = await On(app.Primary);
        Assert.Equal(primary, await On(app.Secondary));
        return primary;
    }

    private async Task<long> VersionOnBothAsync(long userBookId)
    {
        var primary = await MasterSql.ScalarAsync<long>(app.Primary, "SELECT version FROM user_books WHERE id = @userBookId", new { userBookId });
        Assert.Equal(primary, await MasterSql.ScalarAsync<long>(app.Secondary, "SELECT version FROM user_books WHERE id = @userBookId", new { userBookId }));
        return primary;
    }
}
