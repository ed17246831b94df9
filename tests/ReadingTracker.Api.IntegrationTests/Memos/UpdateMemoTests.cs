using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Memos;

public sealed class UpdateMemoTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task UpdateMemo_ChangesContentTagsAndPage_AndBumpsVersion_KeepingStartTime()
    {
        var (client, id) = await NewMemoAsync();
        var result = await client.PutAsync($"/api/v1/memos/{id}", new { content = "고친 메모", tags = new[] { "plot", "summary" }, tagCategory = "TOPIC", pageNumber = 99 });

        Assert.True(result.Ok, result.ToString());
        Assert.Equal("고친 메모", result.Data.GetProperty("content").GetString());
        Assert.Equal(["plot", "summary"], result.Data.GetProperty("tags").Strings());
        Assert.Equal(99, result.Data.GetProperty("pageNumber").GetInt32());
        Assert.Equal(2, result.Data.GetProperty("version").GetInt32());
        Assert.Equal("2026-11-02T10:00:00", result.Data.GetProperty("memoStartTime").GetString());
        var fetched = await client.GetAsync($"/api/v1/memos/{id}");
        Assert.Equal(["plot", "summary"], fetched.Data.GetProperty("tags").Strings());
        Assert.Equal("고친 메모", fetched.Data.GetProperty("content").GetString());
        var onBoth = await MemoMasterQueries.CountOnBothAsync(app, "SELECT COUNT(*) FROM memo_tags WHERE memo_id = @id", new { id });
        Assert.Equal((2, 2), onBoth);
    }

    [Fact]
    public async Task UpdateMemo_AsTheEarlierClientSendsIt_WithExtraFieldsAndNoTagCategory_Works()
    {
        var (client, id) = await NewMemoAsync();
        var result = await client.PutAsync($"/api/v1/memos/{id}", new { id = "local-123", content = "느슨하게", tags = new[] { "feeling" }, pageNumber = 3, memoStartTime = "2030-01-01T00:00:00" });

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(["feeling"], result.Data.GetProperty("tags").Strings());
        Assert.Equal("2026-11-02T10:00:00", result.Data.GetProperty("memoStartTime").GetString());
    }

    [Fact]
    public async Task UpdateMemo_WithOnlyPageNumber_KeepsContentAndTags()
    {
        // Regression: in the earlier system omitted content was a 500 and omitted tags became `etc` (docs/contract.md §5.3).
        var (client, id) = await NewMemoAsync();
        var result = await client.PutAsync($"/api/v1/memos/{id}", new { pageNumber = 77 });

        Assert.True(result.Ok, result.ToString());
        Assert.Equal("원래 내용", result.Data.GetProperty("content").GetString());
        Assert.Equal(["quote", "character"], result.Data.GetProperty("tags").Strings());
        Assert.Equal(77, result.Data.GetProperty("pageNumber").GetInt32());
    }

    [Fact]
    public async Task UpdateMemo_Twice_KeepsBothReplacedVersionsInHistory_NewestFirst()
    {
        var (client, id) = await NewMemoAsync();
        Assert.True((await client.PutAsync($"/api/v1/memos/{id}", new { content = "두 번째", baseVersion = 1 })).Ok);
        Assert.True((await client.PutAsync($"/api/v1/memos/{id}", new { content = "세 번째", tags = new[] { "idea" }, baseVersion = 2 })).Ok);

        var history = await client.GetAsync($"/api/v1/memos/{id}/history");
        Assert.True(history.Ok, history.ToString());
        var versions = history.Data.EnumerateArray().ToList();
        Assert.Equal([2, 1], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal(["두 번째", "원래 내용"], versions.Select(v => v.GetProperty("content").GetString()));
        Assert.Equal(["quote", "character"], versions[0].GetProperty("tags").Strings());
        Assert.Equal(12, versions[1].GetProperty("pageNumber").GetInt32());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$", versions[0].GetProperty("replacedAt").GetString());
        Assert.Equal((2, 2), await MemoMasterQueries.CountOnBothAsync(app, "SELECT COUNT(*) FROM memo_history WHERE memo_id = @id", new { id }));
    }

    [Fact]
    public async Task UpdateMemo_FromAStaleBaseVersion_WinsWithConflictFlag_AndTheOverwrittenTextStaysInHistory()
    {
        var (client, id) = await NewMemoAsync();
        var phone = await client.PutAsync($"/api/v1/memos/{id}", new { content = "휴대폰에서 고침", baseVersion = 1 });
        Assert.False(phone.Data.GetProperty("conflict").GetBoolean());

        var laptop = await client.PutAsync($"/api/v1/memos/{id}", new { content = "노트북에서 고침", baseVersion = 1 });

        Assert.True(laptop.Ok, laptop.ToString());
        Assert.True(laptop.Data.GetProperty("conflict").GetBoolean());
        Assert.Equal("노트북에서 고침", laptop.Data.GetProperty("content").GetString());
        Assert.Equal(3, laptop.Data.GetProperty("version").GetInt32());
        var history = await client.GetAsync($"/api/v1/memos/{id}/history");
        Assert.Contains("휴대폰에서 고침", history.Data.EnumerateArray().Select(v => v.GetProperty("content").GetString()));
    }

    [Fact]
    public async Task UpdateMemo_ConcurrentlyFromTheSameVersion_RecordsEveryReplacedVersion()
    {
        var (client, id) = await NewMemoAsync();
        var results = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => client.PutAsync($"/api/v1/memos/{id}", new { content = $"기기 {i}", baseVersion = 1 })));

        Assert.All(results, r => Assert.True(r.Ok, r.ToString()));
        var history = await client.GetAsync($"/api/v1/memos/{id}/history");
        Assert.Equal([4, 3, 2, 1], history.Data.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal(5, (await client.GetAsync($"/api/v1/memos/{id}")).Data.GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData("content", "   ")]
    [InlineData("content", null)]
    [InlineData("pageNumber", 0)]
    public async Task UpdateMemo_WithInvalidField_Returns400_AndChangesNothing(string field, object? value)
    {
        var (client, id) = await NewMemoAsync();
        var body = field == "pageNumber" ? (object)new { pageNumber = value } : new { content = (string?)value ?? new string('a', 5001) };
        var result = await client.PutAsync($"/api/v1/memos/{id}", body);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains(field, result.ErrorFields);
        Assert.Equal((0, 0), await MemoMasterQueries.CountOnBothAsync(app, "SELECT COUNT(*) FROM memo_history WHERE memo_id = @id", new { id }));
        Assert.Equal(1, (await client.GetAsync($"/api/v1/memos/{id}")).Data.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task UpdateMemo_WithUnknownTag_Returns400UnknownTag_AndChangesNothing()
    {
        var (client, id) = await NewMemoAsync();
        var result = await client.PutAsync($"/api/v1/memos/{id}", new { content = "x", tags = new[] { "nope" } });
        Assert.Equal("UNKNOWN_TAG", result.ErrorCode);
        Assert.Equal("원래 내용", (await client.GetAsync($"/api/v1/memos/{id}")).Data.GetProperty("content").GetString());
    }

    [Fact]
    public async Task UpdateMemo_UnknownId_Returns404()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var result = await client.PutAsync("/api/v1/memos/123456789", new { content = "x" });
        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Equal("MEMO_NOT_FOUND", result.ErrorCode);
    }

    private async Task<(ApiClient Client, long Id)> NewMemoAsync()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var created = await client.CreateMemoAsync(book, content: "원래 내용", tags: ["quote", "character"]);
        Assert.True(created.Ok, created.ToString());
        return (client, created.Data.GetProperty("id").GetInt64());
    }
}
