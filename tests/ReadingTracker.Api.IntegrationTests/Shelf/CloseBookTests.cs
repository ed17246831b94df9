using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Shelf;

public sealed class CloseBookTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string Close(long id) => $"/api/v1/memos/books/{id}/close";

    // Closing the book (docs/contract.md §4.3) on a 300-page book, by the raw share of pages read.
    [Theory]
    [InlineData(1, "Reading")]
    [InlineData(150, "Reading")]
    [InlineData(240, "Reading")]          // 80 %
    [InlineData(242, "Reading")]          // 80.7 %: the earlier server's gap sent this to Finished
    [InlineData(243, "AlmostFinished")]   // 81 %
    [InlineData(297, "AlmostFinished")]   // 99 %
    [InlineData(299, "AlmostFinished")]   // 99.7 %: not the last page, so not Finished
    public async Task Close_BeforeTheLastPage_SetsProgressAndCategoryByThePercentRead(int page, string expected)
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddReadingAsync(progress: 10);

        var result = await reader.PostAsync(Close(id), new { lastReadPage = page });

        Assert.True(result.Ok, result.ToString());
        Assert.Equal("독서 활동이 종료되었습니다.", result.Data.Text("message"));
        var book = await reader.GetEntryAsync(id);
        Assert.Equal((expected, page), (book.Text("category"), book.Number("lastReadPage")));
    }

    [Fact]
    public async Task Close_AtTheLastPage_WithFinishDateAndRating_FinishesTheBook()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddReadingAsync(progress: 200, start: "2026-01-10");

        var result = await reader.PostAsync(Close(id), new { lastReadPage = 300, readingFinishedDate = "2026-03-02", rating = 5, review = "끝" });

        Assert.True(result.Ok, result.ToString());
        var book = await reader.GetEntryAsync(id);
        Assert.Equal(("Finished", 300, "2026-03-02", 5, "끝"),
            (book.Text("category"), book.Number("lastReadPage"), book.Text("readingFinishedDate"), book.Number("rating"), book.Text("review")));
    }

    // Regression: CLOSE_BOOK_MISSING_FINISH_DATE_FLOW_FIX — a clear 400 naming the field, never a 500, nothing written.
    [Fact]
    public async Task Close_AtTheLastPage_WithoutFinishDate_Returns400NamingIt_AndChangesNothingOnEitherMaster()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddReadingAsync(progress: 200);
        var before = await ShelfMasterQueries.UserBookOnBothAsync(app, id);

        var result = await reader.PostAsync(Close(id), new { lastReadPage = 300, rating = 4 });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("VALIDATION_FAILED", result.ErrorCode);
        Assert.Equal(["readingFinishedDate"], result.ErrorFields);
        Assert.Equal(before, await ShelfMasterQueries.UserBookOnBothAsync(app, id));
    }

    [Fact]
    public async Task Close_AtTheLastPage_WithoutRating_Returns400NamingIt()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddReadingAsync(progress: 200);

        var result = await reader.PostAsync(Close(id), new { lastReadPage = 300, readingFinishedDate = "2026-03-02" });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal(["rating"], result.ErrorFields);
        Assert.Equal(("Reading", 200), ((await reader.GetEntryAsync(id)).Text("category"), (await reader.GetEntryAsync(id)).Number("lastReadPage")));
    }

    [Theory]
    [InlineData("""{"lastReadPage":0}""", "lastReadPage")]
    [InlineData("""{"lastReadPage":301}""", "lastReadPage")]
    [InlineData("""{}""", "lastReadPage")]
    [InlineData("""{"lastReadPage":120,"rating":6}""", "rating")]
    [InlineData("""{"lastReadPage":"many"}""", "lastReadPage")]
    public async Task Close_WithBadInput_Returns400_AndLeavesTheEntryUnchanged(string json, string field)
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddReadingAsync(progress: 50);
        var before = await reader.GetEntryAsync(id);

        var result = await reader.SendRawAsync(HttpMethod.Post, Close(id), json);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains(field, result.ErrorFields);
        Assert.Equal(before.ToString(), (await reader.GetEntryAsync(id)).ToString());
    }

    [Fact]
    public async Task Close_ABookStillToRead_TakesTheStartDateOfItsFirstMemo_InTheUsersZone_AndClearsThePurchaseType()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddBookAsync(new { title = "길이 모르는 책", author = "A", category = "ToRead", purchaseType = "PURCHASE" });
        // 23:30 UTC on the 4th is already the 5th in Seoul, the user's zone.
        await ShelfMasterQueries.InsertMemoOnBothAsync(app, reader.UserId, id, DateTimeOffset.Parse("2026-03-06T02:00:00Z"));
        await ShelfMasterQueries.InsertMemoOnBothAsync(app, reader.UserId, id, DateTimeOffset.Parse("2026-03-04T23:30:00Z"));

        var result = await reader.PostAsync(Close(id), new { lastReadPage = 10 });

        Assert.True(result.Ok, result.ToString());
        var book = await reader.GetEntryAsync(id);
        Assert.Equal(("ToRead", 10, "2026-03-05", (string?)null), (book.Text("category"), book.Number("lastReadPage"), book.Text("readingStartDate"), book.Text("purchaseType")));
        await ShelfMasterQueries.UserBookOnBothAsync(app, id);
    }

    [Fact]
    public async Task Close_AToReadBookOfKnownLength_StartsReadingIt_FromItsFirstMemoDay()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddToReadAsync(totalPages: 300);
        await ShelfMasterQueries.InsertMemoOnBothAsync(app, reader.UserId, id, DateTimeOffset.Parse("2026-02-01T03:00:00Z"));

        Assert.True((await reader.PostAsync(Close(id), new { lastReadPage = 30 })).Ok);

        var book = await reader.GetEntryAsync(id);
        Assert.Equal(("Reading", 30, "2026-02-01"), (book.Text("category"), book.Number("lastReadPage"), book.Text("readingStartDate")));
    }

    [Fact]
    public async Task Close_AnotherUsersEntry_Returns404_AndChangesNothingOnEitherMaster()
    {
        var owner = await app.CreateApiClient().SignUpAndLoginAsync();
        var stranger = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await owner.AddReadingAsync();
        var before = await ShelfMasterQueries.UserBookOnBothAsync(app, id);

        var result = await stranger.PostAsync(Close(id), new { lastReadPage = 100 });

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Equal("SHELF_BOOK_NOT_FOUND", result.ErrorCode);
        Assert.Equal(before, await ShelfMasterQueries.UserBookOnBothAsync(app, id));
    }
}
