using System.Net;
using System.Text.Json;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Memos;

/// <summary>POST /memos/batch: the offline client's queued creates in one request, each item idempotent by its clientId.</summary>
public sealed class CreateMemoBatchTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static object Item(long userBookId, string content, string? clientId = null, string[]? tags = null) => new
    {
        userBookId, pageNumber = 12, content, tags = tags ?? ["quote"], tagCategory = "TYPE", memoStartTime = "2026-11-02T10:00:00",
        clientId = clientId ?? Guid.NewGuid().ToString(),
    };

    private static JsonElement[] Results(ApiResult result) => [.. result.Data.GetProperty("results").EnumerateArray()];

    [Fact]
    public async Task Batch_CreatesEveryMemo_OnBothMasters_WithOneResultPerItemInOrder()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync("배치");
        var items = Enumerable.Range(0, 30).Select(i => Item(book, $"memo {i}")).ToArray();

        var result = await client.PostAsync("/api/v1/memos/batch", new { memos = items });

        Assert.True(result.Ok, result.ToString());
        var results = Results(result);
        Assert.Equal(30, results.Length);
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(200, results[i].GetProperty("status").GetInt32());
            Assert.Equal($"memo {i}", results[i].GetProperty("memo").GetProperty("content").GetString());
            Assert.Equal(["quote"], results[i].GetProperty("memo").GetProperty("tags").Strings());
        }

        Assert.Equal((30, 30), await MemoMasterQueries.MemosOfUserAsync(app, client.UserId));
        await MasterSql.AssertMastersIdenticalAsync(app);
    }

    [Fact]
    public async Task Batch_RetriedAfterALostAnswer_ReturnsTheSameMemos_AndCreatesNothingMore()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var alone = Guid.NewGuid().ToString();
        var single = await client.CreateMemoAsync(book, clientId: alone);
        var items = new[] { Item(book, "a"), Item(book, "밑줄 친 문장", alone), Item(book, "c") };

        var first = await client.PostAsync("/api/v1/memos/batch", new { memos = items });
        var again = await client.PostAsync("/api/v1/memos/batch", new { memos = items });

        Assert.True(first.Ok, first.ToString());
        Assert.Equal(single.Data.GetProperty("id").GetInt64(), Results(first)[1].GetProperty("memo").GetProperty("id").GetInt64());
        Assert.Equal(
            Results(first).Select(r => r.GetProperty("memo").GetProperty("id").GetInt64()),
            Results(again).Select(r => r.GetProperty("memo").GetProperty("id").GetInt64()));
        Assert.Equal((3, 3), await MemoMasterQueries.MemosOfUserAsync(app, client.UserId));
    }

    [Fact]
    public async Task Batch_InvalidItems_FailAloneWithTheirReason_AndTheOthersAreCreated()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var stranger = await app.CreateApiClient().SignUpAndLoginAsync();
        var strangersBook = await stranger.AddBookAsync();
        var items = new object[]
        {
            Item(book, "kept"),
            Item(book, "   "),
            Item(strangersBook, "not my book"),
            Item(book, "unknown tag", tags: ["no-such-tag"]),
            new { userBookId = book, pageNumber = 1, content = "no client id", memoStartTime = "2026-11-02T10:00:00" },
            Item(book, "also kept"),
        };

        var result = await client.PostAsync("/api/v1/memos/batch", new { memos = items });

        Assert.True(result.Ok, result.ToString());
        var results = Results(result);
        Assert.Equal([200, 400, 404, 400, 400, 200], results.Select(r => r.GetProperty("status").GetInt32()));
        Assert.Equal("VALIDATION_FAILED", results[1].GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("content", results[1].GetProperty("error").GetProperty("fields")[0].GetProperty("name").GetString());
        Assert.Equal("SHELF_BOOK_NOT_FOUND", results[2].GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("UNKNOWN_TAG", results[3].GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("clientId", results[4].GetProperty("error").GetProperty("fields")[0].GetProperty("name").GetString());
        Assert.Equal((2, 2), await MemoMasterQueries.MemosOfUserAsync(app, client.UserId));
        Assert.Equal((0, 0), await MemoMasterQueries.MemosOfUserAsync(app, stranger.UserId));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task Batch_OfNoneOrOverAHundredMemos_Returns400_AndStoresNothing(int count)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();

        var result = await client.PostAsync("/api/v1/memos/batch", new { memos = Enumerable.Range(0, count).Select(i => Item(book, $"m{i}")).ToArray() });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("VALIDATION_FAILED", result.ErrorCode);
        Assert.Equal((0, 0), await MemoMasterQueries.MemosOfUserAsync(app, client.UserId));
    }

    [Fact]
    public async Task Batch_WhenSecondaryRejectsTheWrite_Returns503_AndLeavesNoMemoOnPrimary()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        await MasterSql.ExecuteAsync(app.Secondary, "ALTER TABLE memo_tags RENAME TO memo_tags_away");
        ApiResult result;
        try
        {
            result = await client.PostAsync("/api/v1/memos/batch", new { memos = new[] { Item(book, "a"), Item(book, "b") } });
        }
        finally
        {
            await MasterSql.ExecuteAsync(app.Secondary, "ALTER TABLE memo_tags_away RENAME TO memo_tags");
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, result.Status);
        Assert.Equal("DATABASE_TEMPORARY_UNAVAILABLE", result.ErrorCode);
        Assert.Equal((0, 0), await MemoMasterQueries.MemosOfUserAsync(app, client.UserId));
        await MasterSql.AssertMastersIdenticalAsync(app);
    }
}
