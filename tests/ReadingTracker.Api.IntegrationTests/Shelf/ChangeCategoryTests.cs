using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Shelf;

public sealed class ChangeCategoryTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Books = ShelfTestData.Books;

    [Fact]
    public async Task ChangeCategory_ReadingToAlmostFinished_IsStored_AndMarkedAsChosenByHand()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddReadingAsync(progress: 100);
        await ShelfMasterQueries.SetOnBothAsync(app, id, "category_manually_set", 0);

        var result = await reader.PutAsync($"{Books}/{id}/category?category=AlmostFinished");

        Assert.True(result.Ok, result.ToString());
        Assert.Equal("책의 읽기 상태가 변경되었습니다.", result.Data.Text("message"));
        Assert.Equal("AlmostFinished", (await reader.GetEntryAsync(id)).Text("category"));
        Assert.True(await ShelfMasterQueries.ManuallySetAsync(app.Primary, id));
        Assert.True(await ShelfMasterQueries.ManuallySetAsync(app.Secondary, id));
    }

    [Fact]
    public async Task ChangeCategory_ToReadToReading_WithoutStartDate_Returns400_AndChangesNothingOnEitherMaster()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddToReadAsync();
        var before = await ShelfMasterQueries.UserBookOnBothAsync(app, id);

        var result = await reader.PutAsync($"{Books}/{id}/category?category=Reading");

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains("readingStartDate", result.ErrorFields);
        Assert.Contains("readingProgress", result.ErrorFields);
        Assert.Equal(before, await ShelfMasterQueries.UserBookOnBothAsync(app, id));
    }

    [Fact]
    public async Task ChangeCategory_ReadingToFinished_WithoutFinishDateAndRating_Returns400()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddReadingAsync();

        var result = await reader.PutAsync($"{Books}/{id}/category?category=Finished");

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains("readingFinishedDate", result.ErrorFields);
        Assert.Contains("rating", result.ErrorFields);
        Assert.Equal("Reading", (await reader.GetEntryAsync(id)).Text("category"));
    }

    [Theory]
    [InlineData("?category=Someday")]
    [InlineData("?category=9")]
    [InlineData("")]
    public async Task ChangeCategory_WithUnknownOrMissingCategory_Returns400(string query)
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddToReadAsync();

        var result = await reader.PutAsync($"{Books}/{id}/category{query}");

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains("category", result.ErrorFields);
        Assert.Equal("ToRead", (await reader.GetEntryAsync(id)).Text("category"));
    }

    [Fact]
    public async Task ChangeCategory_OfAnotherUsersEntry_Returns404()
    {
        var owner = await app.CreateApiClient().SignUpAndLoginAsync();
        var stranger = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await owner.AddReadingAsync();

        var result = await stranger.PutAsync($"{Books}/{id}/category?category=AlmostFinished");

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Equal("SHELF_BOOK_NOT_FOUND", result.ErrorCode);
        Assert.Equal("Reading", (await owner.GetEntryAsync(id)).Text("category"));
    }
}
