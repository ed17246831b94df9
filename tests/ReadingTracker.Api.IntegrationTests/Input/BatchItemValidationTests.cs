using System.Text.Json;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using ReadingTracker.Api.IntegrationTests.Memos;

namespace ReadingTracker.Api.IntegrationTests.Input;

/// <summary>
/// One bad item of an offline batch once made the whole POST /memos/batch answer 500, which the offline client
/// retries forever: the other memos never synced. Now a bad item fails alone with its reason.
/// </summary>
public sealed class BatchItemValidationTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static object Item(long userBookId, string content, string memoStartTime = "2026-11-02T10:00:00") => new
    {
        userBookId, pageNumber = 12, content, tags = new[] { "quote" }, tagCategory = "TYPE", memoStartTime, clientId = Guid.NewGuid().ToString(),
    };

    [Fact]
    public async Task Batch_OneItemWithYear1_FailsAlone_OthersStored()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var items = new[]
        {
            Item(book, "a"), Item(book, "year one", "0001-01-01T00:00:00"), Item(book, "c"), Item(book, "year 9999", "9999-12-31T23:59:59"),
            Item(book, "e"),
        };

        var result = await client.PostAsync("/api/v1/memos/batch", new { memos = items });

        Assert.True(result.Ok, result.ToString());
        JsonElement[] results = [.. result.Data.GetProperty("results").EnumerateArray()];
        Assert.Equal([200, 400, 200, 400, 200], results.Select(r => r.GetProperty("status").GetInt32()));
        foreach (var failed in new[] { results[1], results[3] })
        {
            Assert.Equal("VALIDATION_FAILED", failed.GetProperty("error").GetProperty("code").GetString());
            Assert.Equal("memoStartTime", failed.GetProperty("error").GetProperty("fields")[0].GetProperty("name").GetString());
        }

        Assert.Equal((3, 3), await MemoMasterQueries.MemosOfUserAsync(app, client.UserId));
        await MasterSql.AssertMastersIdenticalAsync(app);
    }
}
