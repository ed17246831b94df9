using System.Diagnostics;
using System.Net;
using ReadingTracker.Api.IntegrationTests.Faults.Infrastructure;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using ReadingTracker.Api.IntegrationTests.Memos;

namespace ReadingTracker.Api.IntegrationTests.Faults;

/// <summary>Readers, books and memos made over HTTP, and the checks every fault test repeats.</summary>
public static class FaultTestData
{
    public static async Task<(ApiClient Client, long Book)> ReaderWithBookAsync(this FaultApp app)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync("f");
        return (client, await client.AddBookAsync());
    }

    public static Task<ApiResult> CreateMemoAsync(this ApiClient client, long book, string clientId, string content = "밑줄 친 문장") =>
        client.CreateMemoAsync(book, content: content, tags: ["quote"], tagCategory: "TYPE", clientId: clientId);

    public static Task<long> MemosWithClientIdAsync(string master, string clientId) =>
        FaultSql.CountAsync(master, "SELECT COUNT(*) FROM memo WHERE client_id = @clientId", new { clientId });

    public static void AssertUnavailable(ApiResult result)
    {
        Assert.True(result.Status == HttpStatusCode.ServiceUnavailable, result.ToString());
        Assert.Equal("DATABASE_TEMPORARY_UNAVAILABLE", result.ErrorCode);
        Assert.True(result.Response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After header expected");
    }

    public static async Task<(T Result, TimeSpan Elapsed)> TimedAsync<T>(Func<Task<T>> action)
    {
        var watch = Stopwatch.StartNew();
        var result = await action();
        return (result, watch.Elapsed);
    }

    public static string NewClientId() => Guid.NewGuid().ToString();
}
