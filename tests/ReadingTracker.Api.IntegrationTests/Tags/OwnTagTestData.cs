using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Tags;

/// <summary>Own tags made over HTTP, as a client would.</summary>
public static class OwnTagTestData
{
    public static Task<ApiResult> CreateTagAsync(this ApiClient client, string name, string category = "TYPE") =>
        client.PostAsync("/api/v1/tags/mine", new { name, category });

    /// <summary>Creates an own tag that must succeed and returns its code.</summary>
    public static async Task<string> AddTagAsync(this ApiClient client, string name, string category = "TYPE")
    {
        var result = await client.CreateTagAsync(name, category);
        Assert.True(result.Status == System.Net.HttpStatusCode.Created, result.ToString());
        return result.Data.GetProperty("code").GetString()!;
    }

    /// <summary>The codes GET /tags lists for the client (built-ins and its own).</summary>
    public static async Task<string[]> TagCodesAsync(this ApiClient client, string query = "")
    {
        var result = await client.GetAsync("/api/v1/tags" + query);
        Assert.True(result.Ok, result.ToString());
        return [.. result.Data.EnumerateArray().Select(t => t.GetProperty("code").GetString()!)];
    }

    /// <summary>The tag codes of one memo as the server answers them.</summary>
    public static async Task<string[]> MemoTagsAsync(this ApiClient client, long memoId)
    {
        var result = await client.GetAsync($"/api/v1/memos/{memoId}");
        Assert.True(result.Ok, result.ToString());
        return [.. result.Data.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!)];
    }

    public static long TagId(string code) => long.Parse(code[1..], System.Globalization.CultureInfo.InvariantCulture);
}
