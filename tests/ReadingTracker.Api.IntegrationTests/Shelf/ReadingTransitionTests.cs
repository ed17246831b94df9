using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Shelf;

public sealed class ReadingTransitionTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Books = ShelfTestData.Books;

    [Fact]
    public async Task StartReading_FromToRead_MovesToReading()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddToReadAsync();

        var result = await reader.PostAsync($"{Books}/{id}/start-reading", new { readingStartDate = "2026-03-01", readingProgress = 12, purchaseType = "PURCHASE" });

        Assert.True(result.Ok, result.ToString());
        Assert.Equal("책 읽기를 시작했습니다.", result.Data.Text("message"));
        var book = await reader.GetEntryAsync(id);
        Assert.Equal(("Reading", "2026-03-01", 12, "PURCHASE"), (book.Text("category"), book.Text("readingStartDate"), book.Number("lastReadPage"), book.Text("purchaseType")));
    }

    [Fact]
    public async Task StartReading_FromReading_Returns409InvalidTransition()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddReadingAsync();

        var result = await reader.PostAsync($"{Books}/{id}/start-reading", new { readingStartDate = "2026-03-01", readingProgress = 1 });

        Assert.Equal(HttpStatusCode.Conflict, result.Status);
        Assert.Equal("INVALID_CATEGORY_TRANSITION", result.ErrorCode);
    }

    [Fact]
    public async Task StartReading_WithNegativeProgress_Returns400_AndChangesNothingOnEitherMaster()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddToReadAsync();
        var before = await ShelfMasterQueries.UserBookOnBothAsync(app, id);

        var result = await reader.PostAsync($"{Books}/{id}/start-reading", new { readingStartDate = "2026-03-01", readingProgress = -1 });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains("readingProgress", result.ErrorFields);
        Assert.Equal(before, await ShelfMasterQueries.UserBookOnBothAsync(app, id));
    }

    [Fact]
    public async Task StartReading_PastTheLastPage_OrWithoutFields_Returns400()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddToReadAsync(totalPages: 300);

        var over = await reader.PostAsync($"{Books}/{id}/start-reading", new { readingStartDate = "2026-03-01", readingProgress = 301 });
        var empty = await reader.PostAsync($"{Books}/{id}/start-reading", new { });

        Assert.Equal(HttpStatusCode.BadRequest, over.Status);
        Assert.Contains("readingProgress", over.ErrorFields);
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Equal(["readingProgress", "readingStartDate"], empty.ErrorFields.Order());
        Assert.Equal("ToRead", (await reader.GetEntryAsync(id)).Text("category"));
    }

    [Theory]
    [InlineData("Reading", 120)]
    [InlineData("AlmostFinished", 280)]
    public async Task FinishReading_FromReadingOrAlmostFinished_MovesToFinished_AtTheLastPage(string category, int progress)
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddBookAsync(new { title = "B", author = "A", totalPages = 300, category, readingStartDate = "2026-01-10", readingProgress = progress });

        var result = await reader.PostAsync($"{Books}/{id}/finish-reading", new { readingFinishedDate = "2026-02-20", rating = 4, review = "좋았다" });

        Assert.True(result.Ok, result.ToString());
        Assert.Equal("책이 완독 처리되었습니다.", result.Data.Text("message"));
        var book = await reader.GetEntryAsync(id);
        Assert.Equal(("Finished", 300, "2026-02-20", 4, "좋았다"),
            (book.Text("category"), book.Number("lastReadPage"), book.Text("readingFinishedDate"), book.Number("rating"), book.Text("review")));
    }

    [Fact]
    public async Task FinishReading_WithUnknownTotalPages_KeepsTheProgress()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddReadingAsync(progress: 55, totalPages: null);

        var result = await reader.PostAsync($"{Books}/{id}/finish-reading", new { readingFinishedDate = "2026-02-20", rating = 5 });

        Assert.True(result.Ok, result.ToString());
        var book = await reader.GetEntryAsync(id);
        Assert.Equal(("Finished", 55), (book.Text("category"), book.Number("lastReadPage")));
    }

    [Fact]
    public async Task FinishReading_FromToRead_Returns409InvalidTransition()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddToReadAsync();

        var result = await reader.PostAsync($"{Books}/{id}/finish-reading", new { readingFinishedDate = "2026-02-20", rating = 4 });

        Assert.Equal(HttpStatusCode.Conflict, result.Status);
        Assert.Equal("INVALID_CATEGORY_TRANSITION", result.ErrorCode);
        Assert.Equal("ToRead", (await reader.GetEntryAsync(id)).Text("category"));
    }

    [Fact]
    public async Task FinishReading_WithRating6_Returns400_AndChangesNothingOnEitherMaster()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddReadingAsync();
        var before = await ShelfMasterQueries.UserBookOnBothAsync(app, id);

        var result = await reader.PostAsync($"{Books}/{id}/finish-reading", new { readingFinishedDate = "2026-02-20", rating = 6 });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains("rating", result.ErrorFields);
        Assert.Equal(before, await ShelfMasterQueries.UserBookOnBothAsync(app, id));
    }

    [Fact]
    public async Task FinishReading_WithoutFields_Returns400NamingEachOnce()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddReadingAsync();

        var result = await reader.PostAsync($"{Books}/{id}/finish-reading", new { review = "?" });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal(["rating", "readingFinishedDate"], result.ErrorFields.Order());
    }

    [Fact]
    public async Task FinishReading_BeforeTheStartDate_Returns400_AndLeavesTheBookReading()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddReadingAsync(start: "2026-01-10");

        var result = await reader.PostAsync($"{Books}/{id}/finish-reading", new { readingFinishedDate = "2026-01-09", rating = 3 });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains("readingFinishedDate", result.ErrorFields);
        Assert.Equal("Reading", (await reader.GetEntryAsync(id)).Text("category"));
    }

    [Fact]
    public async Task FinishReading_OfAnotherUsersEntry_Returns404()
    {
        var owner = await app.CreateApiClient().SignUpAndLoginAsync();
        var stranger = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await owner.AddReadingAsync();

        var result = await stranger.PostAsync($"{Books}/{id}/finish-reading", new { readingFinishedDate = "2026-02-20", rating = 4 });

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Equal("Reading", (await owner.GetEntryAsync(id)).Text("category"));
    }
}
