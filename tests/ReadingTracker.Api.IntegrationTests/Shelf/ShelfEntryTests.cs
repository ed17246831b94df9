using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Shelf;

public sealed class ShelfEntryTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Books = ShelfTestData.Books;

    [Fact]
    public async Task Get_ReturnsOneShelfBook()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddReadingAsync(progress: 77);

        var book = await reader.GetEntryAsync(id);

        Assert.Equal(id, book.GetProperty("userBookId").GetInt64());
        Assert.Equal(77, book.Number("lastReadPage"));
        Assert.Equal("Reading", book.Text("category"));
    }

    [Fact]
    public async Task Get_AnotherUsersEntry_Returns404_NotForbidden()
    {
        var owner = await app.CreateApiClient().SignUpAndLoginAsync();
        var stranger = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await owner.AddToReadAsync();

        var result = await stranger.GetAsync($"{Books}/{id}");

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Equal("SHELF_BOOK_NOT_FOUND", result.ErrorCode);
    }

    [Fact]
    public async Task Get_UnknownId_Returns404()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();

        var result = await reader.GetAsync($"{Books}/123456789");

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Equal("SHELF_BOOK_NOT_FOUND", result.ErrorCode);
    }

    [Fact]
    public async Task Delete_TombstonesTheEntryAndItsMemos_OnBothMasters()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddReadingAsync();
        var memo = await ShelfMasterQueries.InsertMemoOnBothAsync(app, reader.UserId, id, DateTimeOffset.Parse("2026-03-01T01:00:00Z"));

        var result = await reader.DeleteAsync($"{Books}/{id}");

        Assert.True(result.Ok, result.ToString());
        Assert.Equal("책이 내 서재에서 제거되었습니다.", result.Data.Text("message"));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"{Books}/{id}")).Status);
        foreach (var master in new[] { app.Primary, app.Secondary })
        {
            Assert.NotNull(await ShelfMasterQueries.DeletedAtAsync(master, "user_books", id));
            Assert.NotNull(await ShelfMasterQueries.DeletedAtAsync(master, "memo", memo));
        }

        await ShelfMasterQueries.UserBookOnBothAsync(app, id);
    }

    [Fact]
    public async Task Delete_Twice_SecondTimeReturns404()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await reader.AddToReadAsync();
        Assert.True((await reader.DeleteAsync($"{Books}/{id}")).Ok);

        var again = await reader.DeleteAsync($"{Books}/{id}");

        Assert.Equal(HttpStatusCode.NotFound, again.Status);
        Assert.Equal("SHELF_BOOK_NOT_FOUND", again.ErrorCode);
    }

    [Fact]
    public async Task Delete_AnotherUsersEntry_Returns404_AndChangesNothingOnEitherMaster()
    {
        var owner = await app.CreateApiClient().SignUpAndLoginAsync();
        var stranger = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await owner.AddToReadAsync();
        var memo = await ShelfMasterQueries.InsertMemoOnBothAsync(app, owner.UserId, id, DateTimeOffset.Parse("2026-03-01T01:00:00Z"));
        var before = await ShelfMasterQueries.UserBookOnBothAsync(app, id);

        var result = await stranger.DeleteAsync($"{Books}/{id}");

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Equal(before, await ShelfMasterQueries.UserBookOnBothAsync(app, id));
        Assert.Null(await ShelfMasterQueries.DeletedAtAsync(app.Primary, "memo", memo));
        Assert.Null(await ShelfMasterQueries.DeletedAtAsync(app.Secondary, "memo", memo));
    }
}
