using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Shelf;

public sealed class UpdateShelfBookTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Books = ShelfTestData.Books;

    [Fact]
    public async Task Update_AppliesTheGivenFields_AndKeepsTheOthers()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddBookAsync(new { title = "B", author = "A", category = "ToRead", expectation = "처음", purchaseType = "RENTAL" });

        var result = await reader.PutAsync($"{Books}/{id}", new { expectation = "바뀐 기대" });

        Assert.True(result.Ok, result.ToString());
        Assert.Equal("책 상세 정보가 변경되었습니다.", result.Data.Text("message"));
        var book = await reader.GetEntryAsync(id);
        Assert.Equal(("바뀐 기대", "RENTAL", "ToRead"), (book.Text("expectation"), book.Text("purchaseType"), book.Text("category")));
    }

    // docs/contract.md §4.2 through the endpoint; every entry made through the API is "chosen by hand" (manual flag true).
    [Theory]
    [InlineData("Reading", 0, "Reading")]
    [InlineData("Reading", 207, "Reading")]          // 69 %
    [InlineData("Reading", 210, "AlmostFinished")]   // 70 %
    [InlineData("Reading", 299, "Reading")]          // 99.7 % rounds to 100 but is not the last page: unchanged
    [InlineData("Reading", 300, "Finished")]
    [InlineData("AlmostFinished", 30, "Reading")]
    public async Task Update_Progress_MovesABookBeingReadByItsPercent(string category, int progress, string expected)
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddBookAsync(new { title = "B", author = "A", totalPages = 300, category, readingStartDate = "2026-01-10", readingProgress = 150 });

        var result = await reader.PutAsync($"{Books}/{id}", new { readingProgress = progress });

        Assert.True(result.Ok, result.ToString());
        var book = await reader.GetEntryAsync(id);
        Assert.Equal((expected, progress), (book.Text("category"), book.Number("lastReadPage")));
    }

    [Fact]
    public async Task Update_ProgressToZero_WhenTheCategoryWasNotChosenByHand_MovesBackToToRead()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddReadingAsync(progress: 40);
        await ShelfMasterQueries.SetOnBothAsync(app, id, "category_manually_set", 0);

        Assert.True((await reader.PutAsync($"{Books}/{id}", new { readingProgress = 0 })).Ok);

        Assert.Equal("ToRead", (await reader.GetEntryAsync(id)).Text("category"));
    }

    [Fact]
    public async Task Update_WithCategory_SetsTheManualFlag_OnBothMasters()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddReadingAsync(progress: 40);
        await ShelfMasterQueries.SetOnBothAsync(app, id, "category_manually_set", 0);

        Assert.True((await reader.PutAsync($"{Books}/{id}", new { category = "Reading", readingProgress = 0 })).Ok);

        Assert.Equal("Reading", (await reader.GetEntryAsync(id)).Text("category"));
        Assert.True(await ShelfMasterQueries.ManuallySetAsync(app.Primary, id));
        Assert.True(await ShelfMasterQueries.ManuallySetAsync(app.Secondary, id));
    }

    [Fact]
    public async Task Update_ToReadBook_KeepsItsCategory_WhateverTheProgress()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddToReadAsync(totalPages: 300);

        Assert.True((await reader.PutAsync($"{Books}/{id}", new { readingProgress = 250 })).Ok);

        Assert.Equal("ToRead", (await reader.GetEntryAsync(id)).Text("category"));
    }

    [Fact]
    public async Task Update_ResultThatBreaksTheCategoryRules_Returns400_AndChangesNothingOnEitherMaster()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddToReadAsync();
        var before = await ShelfMasterQueries.UserBookOnBothAsync(app, id);

        var result = await reader.PutAsync($"{Books}/{id}", new { category = "Finished", rating = 4 });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal(["readingFinishedDate", "readingStartDate"], result.ErrorFields.Order());
        Assert.Equal(before, await ShelfMasterQueries.UserBookOnBothAsync(app, id));
    }

    [Theory]
    [InlineData("""{"rating":6}""", "rating")]
    [InlineData("""{"readingProgress":-3}""", "readingProgress")]
    [InlineData("""{"readingProgress":301}""", "readingProgress")]
    [InlineData("""{"readingFinishedDate":"2026-01-01","category":"Finished","rating":3}""", "readingFinishedDate")]
    [InlineData("""{"category":"Someday"}""", "category")]
    [InlineData("""{"purchaseType":"GIFTED"}""", "purchaseType")]
    [InlineData("""{"readingStartDate":"yesterday"}""", "readingStartDate")]
    [InlineData("""{"rating":""", "rating")]
    [InlineData("""not json""", "body")]
    public async Task Update_WithBadInput_Returns400NamingTheField_AndLeavesTheEntryUnchanged(string json, string field)
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddReadingAsync(progress: 40, start: "2026-01-10");
        var before = await reader.GetEntryAsync(id);

        var result = await reader.SendRawAsync(HttpMethod.Put, $"{Books}/{id}", json);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("VALIDATION_FAILED", result.ErrorCode);
        Assert.Contains(field, result.ErrorFields);
        Assert.Equal(before.ToString(), (await reader.GetEntryAsync(id)).ToString());
    }

    [Fact]
    public async Task Update_OfAnotherUsersEntry_Returns404_AndChangesNothingOnEitherMaster()
    {
        var owner = await app.CreateApiClient().SignUpAndLoginAsync();
        var stranger = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await owner.AddReadingAsync();
        var before = await ShelfMasterQueries.UserBookOnBothAsync(app, id);

        var result = await stranger.PutAsync($"{Books}/{id}", new { expectation = "남의 책" });

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Equal("SHELF_BOOK_NOT_FOUND", result.ErrorCode);
        Assert.Equal(before, await ShelfMasterQueries.UserBookOnBothAsync(app, id));
    }
}
