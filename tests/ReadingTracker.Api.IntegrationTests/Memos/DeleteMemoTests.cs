using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Memos;

public sealed class DeleteMemoTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task DeleteMemo_SoftDeletesOnBothMasters_AndHidesIt()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var id = await client.AddMemoAsync(book, "2026-11-02T10:00:00");

        var result = await client.DeleteAsync($"/api/v1/memos/{id}");

        Assert.True(result.Ok, result.ToString());
        Assert.Equal("메모가 삭제되었습니다.", result.Data.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/memos/{id}")).Status);
        Assert.Empty((await client.GetAsync($"/api/v1/memos/books/{book}")).Data.EnumerateArray());
        Assert.Equal((1, 1), await MemoMasterQueries.CountOnBothAsync(app, "SELECT COUNT(*) FROM memo WHERE id = @id AND deleted_at IS NOT NULL", new { id }));
    }

    [Fact]
    public async Task DeleteMemo_Twice_Returns200Both_ButAnUnknownIdIs404()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var id = await client.AddMemoAsync(book, "2026-11-02T10:00:00");

        Assert.True((await client.DeleteAsync($"/api/v1/memos/{id}")).Ok);
        Assert.True((await client.DeleteAsync($"/api/v1/memos/{id}")).Ok);
        // An unknown id answers like another user's memo: nobody learns which ids exist.
        var unknown = await client.DeleteAsync("/api/v1/memos/987654321");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("MEMO_NOT_FOUND", unknown.ErrorCode);
    }

    [Fact]
    public async Task AnotherUsersMemo_Is404_ForGetPutDeleteAndHistory_AndStaysUnchanged()
    {
        var owner = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await owner.AddBookAsync();
        var id = await owner.AddMemoAsync(book, "2026-11-02T10:00:00", "quote");
        var intruder = await app.CreateApiClient().SignUpAndLoginAsync();

        var responses = new[]
        {
            await intruder.GetAsync($"/api/v1/memos/{id}"),
            await intruder.PutAsync($"/api/v1/memos/{id}", new { content = "가로챔" }),
            await intruder.DeleteAsync($"/api/v1/memos/{id}"),
            await intruder.GetAsync($"/api/v1/memos/{id}/history"),
        };

        Assert.All(responses, r =>
        {
            Assert.Equal(HttpStatusCode.NotFound, r.Status);
            Assert.Equal("MEMO_NOT_FOUND", r.ErrorCode);
        });
        var mine = await owner.GetAsync($"/api/v1/memos/{id}");
        Assert.True(mine.Ok, mine.ToString());
        Assert.Equal("밑줄 친 문장", mine.Data.GetProperty("content").GetString());
        Assert.Equal(1, mine.Data.GetProperty("version").GetInt32());
        Assert.Equal((0, 0), await MemoMasterQueries.CountOnBothAsync(app, "SELECT COUNT(*) FROM memo WHERE id = @id AND deleted_at IS NOT NULL", new { id }));
    }

    [Fact]
    public async Task MemoRoutes_WithoutToken_Return401()
    {
        var anonymous = app.CreateApiClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/memos/1")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/today-flow")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/tags")).Status);
    }
}
