using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Memos;

public sealed class CreateMemoTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task CreateMemo_ReturnsMemoResponse_AndStoresItOnBothMasters()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync("두 권의 책");
        var result = await client.CreateMemoAsync(book, "2026-11-02T21:15:00", "첫 메모", ["quote", "idea"], pageNumber: 42);

        Assert.True(result.Ok, result.ToString());
        var memo = result.Data;
        Assert.Equal(book, memo.GetProperty("userBookId").GetInt64());
        Assert.Equal("두 권의 책", memo.GetProperty("bookTitle").GetString());
        Assert.Equal(42, memo.GetProperty("pageNumber").GetInt32());
        Assert.Equal("첫 메모", memo.GetProperty("content").GetString());
        Assert.Equal(["quote", "idea"], memo.GetProperty("tags").Strings());
        Assert.Equal("2026-11-02T21:15:00", memo.GetProperty("memoStartTime").GetString());
        Assert.Equal(1, memo.GetProperty("version").GetInt32());
        Assert.Equal((1, 1), await MemoMasterQueries.MemosOfUserAsync(app, client.UserId));

        var fetched = await client.GetAsync($"/api/v1/memos/{memo.GetProperty("id").GetInt64()}");
        Assert.True(fetched.Ok, fetched.ToString());
        // A read tells the memo only; where the entry's progress stands is part of the create's answer (issue 13).
        var created = System.Text.Json.Nodes.JsonNode.Parse(memo.GetRawText())!.AsObject();
        Assert.True(created.Remove("progress"));
        Assert.Equal(created.ToJsonString(), System.Text.Json.Nodes.JsonNode.Parse(fetched.Data.GetRawText())!.ToJsonString());
    }

    [Fact]
    public async Task CreateMemo_WithoutTags_GetsTheEtcTagOfItsCategory()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var topic = await client.CreateMemoAsync(book, tagCategory: "TOPIC");
        Assert.True(topic.Ok, topic.ToString());
        Assert.Equal(["etc"], topic.Data.GetProperty("tags").Strings());
        var tagIds = await MemoMasterQueries.CountAsync(app.Primary, "SELECT tag_id FROM memo_tags WHERE memo_id = @id", new { id = topic.Data.GetProperty("id").GetInt64() });
        Assert.Equal(18, tagIds);
    }

    [Fact]
    public async Task CreateMemo_WithExplicitEtc_Works_InBothCategories()
    {
        // Regression: `etc` exists in TYPE and TOPIC, and the earlier system's lookup failed on it (docs/contract.md §5.2).
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var type = await client.CreateMemoAsync(book, tags: ["etc"]);
        var topic = await client.CreateMemoAsync(book, tags: ["etc", "plot"], tagCategory: "TOPIC");

        Assert.True(type.Ok, type.ToString());
        Assert.True(topic.Ok, topic.ToString());
        Assert.Equal(9, await MemoMasterQueries.CountAsync(app.Primary, "SELECT tag_id FROM memo_tags WHERE memo_id = @id", new { id = type.Data.GetProperty("id").GetInt64() }));
        Assert.Equal(["etc", "plot"], topic.Data.GetProperty("tags").Strings());
        Assert.Equal(18 + 11, await MemoMasterQueries.CountAsync(app.Primary, "SELECT SUM(tag_id) FROM memo_tags WHERE memo_id = @id", new { id = topic.Data.GetProperty("id").GetInt64() }));
    }

    [Fact]
    public async Task CreateMemo_WithTagOfTheOtherCategory_AndDuplicates_ResolvesEachOnce()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var result = await client.CreateMemoAsync(book, tags: ["character", "quote", "character"], tagCategory: "TYPE");
        Assert.True(result.Ok, result.ToString());
        Assert.Equal(["character", "quote"], result.Data.GetProperty("tags").Strings());
    }

    [Fact]
    public async Task CreateMemo_SameClientIdTwice_ReturnsTheFirstMemo_AndStoresOneRowOnEachMaster()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var clientId = Guid.NewGuid().ToString();
        var first = await client.CreateMemoAsync(book, content: "한 번만", clientId: clientId);
        var second = await client.CreateMemoAsync(book, content: "한 번만", clientId: clientId.ToUpperInvariant());

        Assert.True(first.Ok, first.ToString());
        Assert.True(second.Ok, second.ToString());
        Assert.Equal(first.Data.GetProperty("id").GetInt64(), second.Data.GetProperty("id").GetInt64());
        Assert.Equal(clientId, second.Data.GetProperty("clientId").GetString());
        Assert.Equal((1, 1), await MemoMasterQueries.MemosOfUserAsync(app, client.UserId));
    }

    [Fact]
    public async Task CreateMemo_SameClientIdConcurrently_StoresOneRow()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var clientId = Guid.NewGuid().ToString();
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.CreateMemoAsync(book, clientId: clientId)));

        Assert.All(results, r => Assert.True(r.Ok, r.ToString()));
        Assert.Single(results.Select(r => r.Data.GetProperty("id").GetInt64()).Distinct());
        Assert.Equal((1, 1), await MemoMasterQueries.MemosOfUserAsync(app, client.UserId));
    }

    [Fact]
    public async Task CreateMemo_WithClientIdOfADeletedMemo_ReturnsThatMemo_AndCreatesNothing()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var clientId = Guid.NewGuid().ToString();
        var first = await client.CreateMemoAsync(book, clientId: clientId);
        Assert.True((await client.DeleteAsync($"/api/v1/memos/{first.Data.GetProperty("id").GetInt64()}")).Ok);

        var retry = await client.CreateMemoAsync(book, clientId: clientId);
        Assert.True(retry.Ok, retry.ToString());
        Assert.Equal(first.Data.GetProperty("id").GetInt64(), retry.Data.GetProperty("id").GetInt64());
        Assert.Equal((1, 1), await MemoMasterQueries.MemosOfUserAsync(app, client.UserId));
    }

    [Fact]
    public async Task CreateMemo_WithContentOver5000Chars_Returns400_AndStoresNothing()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var result = await client.CreateMemoAsync(book, content: new string('가', 5001));
        AssertRejected(result, "VALIDATION_FAILED", "content");
        Assert.Equal((0, 0), await MemoMasterQueries.MemosOfUserAsync(app, client.UserId));
        Assert.True((await client.CreateMemoAsync(book, content: new string('가', 5000))).Ok);
    }

    [Theory]
    [InlineData(0, "내용", "pageNumber")]
    [InlineData(5, "   ", "content")]
    public async Task CreateMemo_WithPageZeroOrBlankContent_Returns400_AndStoresNothing(int page, string content, string field)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        AssertRejected(await client.CreateMemoAsync(book, content: content, pageNumber: page), "VALIDATION_FAILED", field);
        Assert.Equal((0, 0), await MemoMasterQueries.MemosOfUserAsync(app, client.UserId));
    }

    [Fact]
    public async Task CreateMemo_WithMissingFields_Returns400NamingEach()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var result = await client.PostAsync("/api/v1/memos", new { tags = new[] { "quote" } });
        AssertRejected(result, "VALIDATION_FAILED", "userBookId");
        Assert.Contains("pageNumber", result.ErrorFields);
        Assert.Contains("content", result.ErrorFields);
        Assert.Contains("memoStartTime", result.ErrorFields);
    }

    [Theory]
    [InlineData("memoStartTime", "어제 저녁")]
    [InlineData("clientId", "not-a-uuid")]
    public async Task CreateMemo_WithMalformedTimeOrClientId_Returns400(string field, string value)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var result = field == "clientId"
            ? await client.CreateMemoAsync(book, clientId: value)
            : await client.CreateMemoAsync(book, memoStartTime: value);
        AssertRejected(result, "VALIDATION_FAILED", field);
        Assert.Equal((0, 0), await MemoMasterQueries.MemosOfUserAsync(app, client.UserId));
    }

    [Fact]
    public async Task CreateMemo_WithUnknownTag_Returns400UnknownTag_AndStoresNothing()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        AssertRejected(await client.CreateMemoAsync(book, tags: ["quote", "요약"]), "UNKNOWN_TAG", "tags");
        Assert.Equal((0, 0), await MemoMasterQueries.MemosOfUserAsync(app, client.UserId));
    }

    [Fact]
    public async Task CreateMemo_OnAnotherUsersBook_Returns404_AndStoresNothing()
    {
        var owner = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await owner.AddBookAsync();
        var other = await app.CreateApiClient().SignUpAndLoginAsync();

        var result = await other.CreateMemoAsync(book);
        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Equal("SHELF_BOOK_NOT_FOUND", result.ErrorCode);
        Assert.Equal((0, 0), await MemoMasterQueries.MemosOfUserAsync(app, other.UserId));
    }

    [Fact]
    public async Task CreateMemo_WithBadTagCategory_Returns400()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        AssertRejected(await client.CreateMemoAsync(book, tagCategory: "MOOD"), "VALIDATION_FAILED", "tagCategory");
    }

    private static void AssertRejected(ApiResult result, string code, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal(code, result.ErrorCode);
        Assert.Single(result.ErrorFields, f => f == field);
    }
}
