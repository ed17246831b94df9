using System.Net.Http.Json;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using ReadingTracker.Api.IntegrationTests.Memos;

namespace ReadingTracker.Api.IntegrationTests.Idempotency;

/// <summary>The offline client's retry of a memo create: same key, same body → the same memo, once, on both masters.</summary>
public sealed class MemoReplayTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task RetriedMemoCreate_ReturnsTheSameMemoId_AndOneRowOnEachMaster()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var memo = new { userBookId = book, pageNumber = 1, content = "한 번만", memoStartTime = "2026-11-24T08:00:00", clientId = Guid.NewGuid() };
        HttpRequestMessage Request() => new(HttpMethod.Post, "/api/v1/memos") { Content = JsonContent.Create(memo), Headers = { { "Idempotency-Key", memo.clientId.ToString() } } };

        var results = new List<ApiResult>();
        for (var i = 0; i < 3; i++)
        {
            results.Add(await client.SendAsync(Request()));
        }

        Assert.All(results, r => Assert.True(r.Ok, r.ToString()));
        Assert.Single(results.Select(r => r.Data.GetProperty("id").GetInt64()).Distinct());
        Assert.Equal(2, results.Count(r => r.Response.Headers.Contains("Idempotent-Replayed")));
        Assert.Equal((1, 1), await MemoMasterQueries.MemosOfUserAsync(app, client.UserId));
        await MasterSql.AssertMastersIdenticalAsync(app);
    }
}
