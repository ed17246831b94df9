using System.Globalization;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Memos;

/// <summary>Shelf entries and memos made over HTTP, as a client would.</summary>
public static class MemoTestData
{
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    public static async Task<long> AddBookAsync(this ApiClient client, string title = "병렬 독서")
    {
        var result = await client.PostAsync("/api/v1/user/books", new
        {
            title, author = "작가", totalPages = 300, category = "Reading", readingStartDate = "2026-11-01", readingProgress = 10,
        });
        Assert.True(result.Ok, result.ToString());
        return result.Data.GetProperty("userBookId").GetInt64();
    }

    public static Task<ApiResult> CreateMemoAsync(
        this ApiClient client, long userBookId, string memoStartTime = "2026-11-02T10:00:00", string content = "밑줄 친 문장",
        string[]? tags = null, string? tagCategory = null, string? clientId = null, int pageNumber = 12) =>
        client.PostAsync("/api/v1/memos", new { userBookId, pageNumber, content, tags, tagCategory, memoStartTime, clientId });

    /// <summary>Creates a memo that must succeed and returns its id.</summary>
    public static async Task<long> AddMemoAsync(this ApiClient client, long userBookId, string memoStartTime, params string[] tags)
    {
        var result = await client.CreateMemoAsync(userBookId, memoStartTime, tags: tags);
        Assert.True(result.Ok, result.ToString());
        return result.Data.GetProperty("id").GetInt64();
    }

    /// <summary>A wall-clock time in Seoul (the default zone of a new user), relative to the real clock.</summary>
    public static string SeoulNow(TimeSpan offset) =>
        TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow() + offset, Seoul).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    public static string[] Strings(this System.Text.Json.JsonElement array) =>
        [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
