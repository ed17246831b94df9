using System.Globalization;
using System.Text.Json;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Paging;

/// <summary>A server whose write quota does not stand in the way of seeding thousands of memos as one user.</summary>
public sealed class BulkSeedAppFactory : AppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Quota:WriteRowsPerMinute"] = "1000000" };
}

public static class PagingTestData
{
    public const string Day = "2026-11-02";

    /// <summary>
    /// Memos on <see cref="Day"/> through the batch endpoint, 100 a request, four requests at once, alternating
    /// between the given books; two memos share each start time, so the id must break the tie.
    /// </summary>
    public static async Task SeedDayAsync(this ApiClient client, int count, params long[] books)
    {
        var start = DateTime.ParseExact(Day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var seconds = 86_000.0 / count * 2;
        var batches = Enumerable.Range(0, (count + 99) / 100).Select(b => Enumerable.Range(b * 100, Math.Min(100, count - (b * 100))).Select(i => new
        {
            userBookId = books[i % books.Length], pageNumber = 1 + (i % 300), content = $"memo {i}", tags = new[] { "quote" }, tagCategory = "TYPE",
            memoStartTime = start.AddSeconds(Math.Floor(i / 2 * seconds)).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            clientId = Guid.NewGuid().ToString(),
        }).ToArray()).ToList();
        using var gate = new SemaphoreSlim(4);
        await Task.WhenAll(batches.Select(async items =>
        {
            await gate.WaitAsync();
            try
            {
                var result = await client.PostAsync("/api/v1/memos/batch", new { memos = items });
                Assert.True(result.Ok, result.ToString());
                Assert.All(result.Data.GetProperty("results").EnumerateArray(), r => Assert.Equal(200, r.GetProperty("status").GetInt32()));
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    /// <summary>The memos of one today-flow page in time order (every grouping lists each memo in memosByBook or memosByTag).</summary>
    public static IEnumerable<JsonElement> FlowMemos(JsonElement flow) =>
        flow.GetProperty("memosByBook").EnumerateObject().SelectMany(b => b.Value.GetProperty("memos").EnumerateArray())
            .OrderBy(m => m.GetProperty("memoStartTime").GetString(), StringComparer.Ordinal).ThenBy(m => m.GetProperty("id").GetInt64());

    public static string? NextCursor(this ApiResult result) =>
        result.Body.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : result.Body.GetProperty("nextCursor").GetString();

    public static string WithCursor(string url, string? cursor) =>
        cursor is null ? url : $"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}cursor={Uri.EscapeDataString(cursor)}";
}
