using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using ReadingTracker.Api.IntegrationTests.Memos;

namespace ReadingTracker.Api.IntegrationTests.Paging;

/// <summary>The smallest quota the options allow (one full batch), so the test reaches it in two requests.</summary>
public sealed class SmallQuotaAppFactory : AppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Quota:WriteRowsPerMinute"] = "100" };
}

/// <summary>Regression: one user stored 12,100 memos in 15 s; nothing limited how much a user writes.</summary>
public sealed class WriteQuotaTests(SmallQuotaAppFactory app) : IClassFixture<SmallQuotaAppFactory>
{
    private static object[] Items(long book, int count) => [.. Enumerable.Range(0, count).Select(i => new
    {
        userBookId = book, pageNumber = 1, content = $"memo {i}", memoStartTime = "2026-11-02T10:00:00", clientId = Guid.NewGuid().ToString(),
    })];

    [Fact]
    public async Task WriteQuota_Over3000RowsAMinute_Returns429WithRetryAfter()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var full = await client.PostAsync("/api/v1/memos/batch", new { memos = Items(book, 99) });
        Assert.True(full.Ok, full.ToString());

        var over = await client.CreateMemoAsync(book, content: "one too many");

        Assert.Equal(HttpStatusCode.TooManyRequests, over.Status);
        Assert.Equal("WRITE_QUOTA_EXCEEDED", over.ErrorCode);
        Assert.False(over.Body.GetProperty("ok").GetBoolean());
        Assert.StartsWith("application/json", over.Response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var retryAfter = over.Response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 61);
        // Nothing of the refused write was stored, on either master; reads still answer.
        Assert.Equal((99, 99), await MemoMasterQueries.MemosOfUserAsync(app, client.UserId));
        Assert.True((await client.GetAsync("/api/v1/today-flow?date=2026-11-02")).Ok);
        Assert.Contains("rt_write_quota_refusals_total", await client.Http.GetStringAsync("/metrics"), StringComparison.Ordinal);
        // Another user's quota is their own.
        var other = await app.CreateApiClient().SignUpAndLoginAsync();
        Assert.True((await other.PostAsync("/api/v1/memos/batch", new { memos = Items(await other.AddBookAsync(), 99) })).Ok);
    }

    [Fact]
    public async Task WriteQuota_429IsNotStoredUnderTheIdempotencyKey_SoTheRetryRunsAgain()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        Assert.True((await client.PostAsync("/api/v1/memos/batch", new { memos = Items(book, 99) })).Ok);

        var key = Guid.NewGuid().ToString();
        var body = new { userBookId = book, pageNumber = 1, content = "retried", memoStartTime = "2026-11-02T10:00:00" };
        var first = await client.SendAsync(Request(key, body));
        var retry = await client.SendAsync(Request(key, body));

        Assert.Equal(HttpStatusCode.TooManyRequests, first.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, retry.Status);
        Assert.False(retry.Response.Headers.Contains("Idempotent-Replayed"), "a 429 was replayed from the idempotency store");
    }

    private static HttpRequestMessage Request(string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/memos") { Content = System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }
}

/// <summary>The default quota (3,000 rows a minute) against the offline client's largest sync.</summary>
public sealed class DefaultWriteQuotaTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task WriteQuota_Default_LetsA1000MemoOfflineSyncIn10BatchesPass()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();

        for (var batch = 0; batch < 10; batch++)
        {
            var items = Enumerable.Range(0, 100).Select(i => new
            {
                userBookId = book, pageNumber = 1, content = $"offline {batch}-{i}", memoStartTime = "2026-11-02T10:00:00", clientId = Guid.NewGuid().ToString(),
            }).ToArray();
            var result = await client.PostAsync("/api/v1/memos/batch", new { memos = items });
            Assert.True(result.Ok, $"batch {batch}: {result}");
        }

        Assert.Equal((1000, 1000), await MemoMasterQueries.MemosOfUserAsync(app, client.UserId));
    }
}
