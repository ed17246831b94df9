using System.Net;
using System.Net.Http.Json;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using ReadingTracker.Api.IntegrationTests.Memos;

namespace ReadingTracker.Api.IntegrationTests.Tags;

/// <summary>
/// The offline client's retries of own-tag writes (issue 14, ADR-013): each goes with its Idempotency-Key, and a retry
/// after the write took effect replays the first answer (Idempotent-Replayed) and changes nothing more, on both masters.
/// </summary>
public sealed class OwnTagReplayTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static HttpRequestMessage Keyed(HttpMethod method, string url, object? body, string key)
    {
        var request = new HttpRequestMessage(method, url) { Headers = { { "Idempotency-Key", key } } };
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }

    private static async Task<List<ApiResult>> ThriceAsync(ApiClient client, HttpMethod method, string url, object? body)
    {
        var key = Guid.NewGuid().ToString();
        var results = new List<ApiResult>();
        for (var i = 0; i < 3; i++)
        {
            results.Add(await client.SendAsync(Keyed(method, url, body, key)));
        }

        return results;
    }

    private static void AssertReplayed(List<ApiResult> results, HttpStatusCode status)
    {
        Assert.All(results, r => Assert.True(r.Status == status, r.ToString()));
        Assert.False(results[0].Response.Headers.Contains("Idempotent-Replayed"));
        Assert.All(results.Skip(1), r => Assert.Equal("true", r.Response.Headers.GetValues("Idempotent-Replayed").Single()));
        Assert.Single(results.Select(r => r.Body.ToString()).Distinct());
    }

    private Task<(long Primary, long Secondary)> TagsOnBothAsync(ApiClient client, string where) =>
        MemoMasterQueries.CountOnBothAsync(app, "SELECT COUNT(*) FROM tags WHERE owner_user_id = @userId AND " + where, new { userId = client.UserId });

    [Fact]
    public async Task RetriedCreate_MakesOneTag_AndReplaysItsCode()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        var results = await ThriceAsync(client, HttpMethod.Post, "/api/v1/tags/mine", new { name = "기차에서", category = "TOPIC" });

        AssertReplayed(results, HttpStatusCode.Created);
        Assert.Matches("^u[0-9]+$", results[0].Data.GetProperty("code").GetString()!);
        Assert.Equal((1, 1), await TagsOnBothAsync(client, "name = '기차에서'"));
        await MasterSql.AssertMastersIdenticalAsync(app);
    }

    [Fact]
    public async Task RetriedCreate_WithANewKey_IsADuplicateName_409_AndStillOneTag()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        await client.SendAsync(Keyed(HttpMethod.Post, "/api/v1/tags/mine", new { name = "한 번", category = "TYPE" }, Guid.NewGuid().ToString()));

        var again = await client.SendAsync(Keyed(HttpMethod.Post, "/api/v1/tags/mine", new { name = "한 번", category = "TYPE" }, Guid.NewGuid().ToString()));

        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("DUPLICATE_TAG_NAME", again.ErrorCode);
        Assert.Equal((1, 1), await TagsOnBothAsync(client, "name = '한 번'"));
    }

    [Fact]
    public async Task RetriedRename_ReplaysTheFirstAnswer_EvenAfterAnotherRename()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var code = await client.AddTagAsync("처음");
        var key = Guid.NewGuid().ToString();
        var url = $"/api/v1/tags/mine/{code}";

        var first = await client.SendAsync(Keyed(HttpMethod.Patch, url, new { name = "둘째", category = "TOPIC" }, key));
        var other = await client.PatchAsync(url, new { name = "셋째" });
        var replay = await client.SendAsync(Keyed(HttpMethod.Patch, url, new { name = "둘째", category = "TOPIC" }, key));

        AssertReplayed([first, replay], HttpStatusCode.OK);
        Assert.True(other.Ok, other.ToString());
        // The replay changed nothing: the later rename stands.
        Assert.Equal((1, 1), await TagsOnBothAsync(client, "name = '셋째' AND category = 'TOPIC' AND deleted_at IS NULL"));
        Assert.Equal((0, 0), await TagsOnBothAsync(client, "name = '둘째'"));
    }

    [Fact]
    public async Task RetriedMerge_ReplaysTheTarget_AndMovesTheLinksOnce()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var source = await client.AddTagAsync("옮길 태그");
        var target = await client.AddTagAsync("남을 태그");
        var memo = await client.AddMemoAsync(book, "2026-11-02T10:00:00", "quote", source);

        var results = await ThriceAsync(client, HttpMethod.Post, $"/api/v1/tags/mine/{source}/merge", new { into = target });
        var unkeyed = await client.PostAsync($"/api/v1/tags/mine/{source}/merge", new { into = target });

        AssertReplayed(results, HttpStatusCode.OK);
        Assert.Equal(target, results[0].Data.GetProperty("code").GetString());
        // Without its key a repeat is a new request: the source is gone, 404, and nothing moves.
        Assert.Equal(HttpStatusCode.NotFound, unkeyed.Status);
        Assert.Equal(["quote", target], await client.MemoTagsAsync(memo));
        Assert.Equal((1, 1), await MemoMasterQueries.CountOnBothAsync(app,
            "SELECT COUNT(*) FROM memo_tags WHERE memo_id = @memo AND tag_id = @tag", new { memo, tag = OwnTagTestData.TagId(target) }));
        await MasterSql.AssertMastersIdenticalAsync(app);
    }

    [Fact]
    public async Task RetriedDelete_ReplaysTheFirstAnswer_AndDeletesOnce()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var code = await client.AddTagAsync("지울 태그");
        var memo = await client.AddMemoAsync(book, "2026-11-02T10:00:00", "quote", code);

        var results = await ThriceAsync(client, HttpMethod.Delete, $"/api/v1/tags/mine/{code}", null);
        var unkeyed = await client.DeleteAsync($"/api/v1/tags/mine/{code}");

        AssertReplayed(results, HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, unkeyed.Status); // deleting a deleted tag of yours is done already
        Assert.Equal(["quote"], await client.MemoTagsAsync(memo));
        Assert.Equal((1, 1), await TagsOnBothAsync(client, "deleted_at IS NOT NULL"));
        Assert.DoesNotContain(code, await client.TagCodesAsync());
    }

    [Fact]
    public async Task AKeyReusedForAnotherTagWrite_Is422_AndChangesNothing()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var code = await client.AddTagAsync("그대로");
        var key = Guid.NewGuid().ToString();
        await client.SendAsync(Keyed(HttpMethod.Post, "/api/v1/tags/mine", new { name = "새 태그", category = "TYPE" }, key));

        var reused = await client.SendAsync(Keyed(HttpMethod.Patch, $"/api/v1/tags/mine/{code}", new { name = "바뀜" }, key));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.Status);
        Assert.Equal((1, 1), await TagsOnBothAsync(client, "name = '그대로'"));
    }

    [Fact]
    public async Task AnotherUsersKeyedRenameOfMyTag_Is404_AndItsKeyDoesNotReplayForMe()
    {
        var owner = await app.CreateApiClient().SignUpAndLoginAsync();
        var code = await owner.AddTagAsync("내 것");
        var intruder = await app.CreateApiClient().SignUpAndLoginAsync();
        var key = Guid.NewGuid().ToString();

        var refused = await intruder.SendAsync(Keyed(HttpMethod.Patch, $"/api/v1/tags/mine/{code}", new { name = "빼앗음" }, key));
        var mine = await owner.SendAsync(Keyed(HttpMethod.Patch, $"/api/v1/tags/mine/{code}", new { name = "빼앗음" }, key));

        Assert.Equal(HttpStatusCode.NotFound, refused.Status);
        Assert.Equal(HttpStatusCode.OK, mine.Status);
        Assert.False(mine.Response.Headers.Contains("Idempotent-Replayed"));
    }
}
