using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using ReadingTracker.Api.IntegrationTests.Memos;

namespace ReadingTracker.Api.IntegrationTests.Tags;

/// <summary>Own tags on memos: accepted for their owner only, merged and deleted across every memo, on both masters (ADR-011).</summary>
public sealed class OwnTagMemoTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task CreateAndUpdateMemo_TakeTheCallersOwnCodes_BesideBuiltInOnes()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var mine = await client.AddTagAsync("복선", "TOPIC");
        var second = await client.AddTagAsync("질문거리");

        var memo = await client.AddMemoAsync(book, "2026-11-02T10:00:00", "quote", mine);
        var updated = await client.PutAsync($"/api/v1/memos/{memo}", new { tags = new[] { second, mine } });
        var batch = await client.PostAsync("/api/v1/memos/batch", new
        {
            memos = new[]
            {
                new { userBookId = book, pageNumber = 3, content = "배치", memoStartTime = "2026-11-02T11:00:00", clientId = Guid.NewGuid().ToString(), tags = new[] { mine } },
            },
        });

        Assert.True(updated.Ok, updated.ToString());
        Assert.Equal([mine, second], await client.MemoTagsAsync(memo)); // a kept link keeps its place
        var item = batch.Data.GetProperty("results")[0];
        Assert.Equal(200, item.GetProperty("status").GetInt32());
        Assert.Equal([mine], item.GetProperty("memo").GetProperty("tags").Strings());
    }

    [Fact]
    public async Task CreateMemo_WithAnotherUsersCode_Returns400OnTags_InEveryWriteThatTakesTags()
    {
        var owner = await app.CreateApiClient().SignUpAndLoginAsync();
        var theirs = await owner.AddTagAsync("남의 태그");
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var memo = await client.AddMemoAsync(book, "2026-11-02T10:00:00", "quote");

        var created = await client.CreateMemoAsync(book, tags: ["quote", theirs]);
        var updated = await client.PutAsync($"/api/v1/memos/{memo}", new { tags = new[] { theirs } });
        var batch = await client.PostAsync("/api/v1/memos/batch", new
        {
            memos = new[]
            {
                new { userBookId = book, pageNumber = 3, content = "배치", memoStartTime = "2026-11-02T11:00:00", clientId = Guid.NewGuid().ToString(), tags = new[] { theirs } },
            },
        });

        foreach (var refused in new[] { created, updated })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Equal("UNKNOWN_TAG", refused.ErrorCode);
            Assert.Contains("tags", refused.ErrorFields);
        }

        Assert.Equal(400, batch.Data.GetProperty("results")[0].GetProperty("status").GetInt32());
        Assert.Equal(["quote"], await client.MemoTagsAsync(memo));
        Assert.Equal((1, 1), await MemoMasterQueries.MemosOfUserAsync(app, client.UserId));
    }

    [Fact]
    public async Task CreateMemo_WithMoreThan30Tags_Returns400OnTags()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var codes = new List<string>();
        for (var i = 0; i < 31; i++)
        {
            codes.Add(await client.AddTagAsync($"t{i}"));
        }

        var refused = await client.CreateMemoAsync(book, tags: [.. codes]);
        var accepted = await client.CreateMemoAsync(book, tags: [.. codes.Take(30)]);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("tags", refused.ErrorFields);
        Assert.True(accepted.Ok, accepted.ToString());
        Assert.Equal(30, accepted.Data.GetProperty("tags").GetArrayLength());
    }

    [Fact]
    public async Task MergeTag_MovesItsMemos_LeavesNoDuplicatePair_AndRemovesTheTag_OnBothMasters()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var source = await client.AddTagAsync("인물 관계", "TOPIC");
        var target = await client.AddTagAsync("등장인물", "TOPIC");
        var onlySource = await client.AddMemoAsync(book, "2026-11-02T10:00:00", "quote", source);
        var both = await client.AddMemoAsync(book, "2026-11-02T11:00:00", target, "quote", source);
        var onlyTarget = await client.AddMemoAsync(book, "2026-11-02T12:00:00", target);

        var merged = await client.PostAsync($"/api/v1/tags/mine/{source}/merge", new { into = target });

        Assert.True(merged.Ok, merged.ToString());
        Assert.Equal(target, merged.Data.GetProperty("code").GetString());
        Assert.Equal(["quote", target], await client.MemoTagsAsync(onlySource));
        Assert.Equal([target, "quote"], await client.MemoTagsAsync(both));
        Assert.Equal([target], await client.MemoTagsAsync(onlyTarget));
        Assert.DoesNotContain(source, await client.TagCodesAsync());
        Assert.Equal((0, 0), await MemoMasterQueries.CountOnBothAsync(app,
            "SELECT COUNT(*) FROM memo_tags WHERE tag_id = @id", new { id = OwnTagTestData.TagId(source) }));
        Assert.Equal((0, 0), await MemoMasterQueries.CountOnBothAsync(app,
            "SELECT COUNT(*) FROM (SELECT memo_id FROM memo_tags GROUP BY memo_id, tag_id HAVING COUNT(*) > 1) d"));
        Assert.Equal(1, (await client.GetAsync($"/api/v1/memos/{both}")).Data.GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.CreateMemoAsync(book, tags: [source])).Status);
        await MasterSql.AssertMastersIdenticalAsync(app);
    }

    [Fact]
    public async Task MergeTag_IntoABuiltIn_OfEitherCategory_MovesItsMemosThere()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var topic = await client.AddTagAsync("명언", "TOPIC");
        var type = await client.AddTagAsync("기타 메모", "TYPE");
        var first = await client.AddMemoAsync(book, "2026-11-02T10:00:00", topic);
        var second = await client.AddMemoAsync(book, "2026-11-02T11:00:00", type);

        var intoQuote = await client.PostAsync($"/api/v1/tags/mine/{topic}/merge", new { into = "quote" });
        var intoEtc = await client.PostAsync($"/api/v1/tags/mine/{type}/merge", new { into = "etc" });

        Assert.True(intoQuote.Ok, intoQuote.ToString());
        Assert.Equal("TYPE", intoQuote.Data.GetProperty("category").GetString());
        Assert.Equal(["quote"], await client.MemoTagsAsync(first));
        Assert.True(intoEtc.Ok, intoEtc.ToString());
        Assert.Equal(9, intoEtc.Data.GetProperty("id").GetInt64()); // the TYPE etc: the source's category decides
        Assert.Equal(["etc"], await client.MemoTagsAsync(second));
    }

    [Fact]
    public async Task MergeTag_IntoItselfOrAnUnknownOrForeignTag_Returns400OnInto_AndChangesNothing()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var source = await client.AddTagAsync("원래");
        var memo = await client.AddMemoAsync(book, "2026-11-02T10:00:00", source);
        var foreign = await (await app.CreateApiClient().SignUpAndLoginAsync()).AddTagAsync("남의 것");

        foreach (object body in new object[] { new { into = source }, new { into = "nonsense" }, new { into = foreign }, new { into = "u1" }, new { } })
        {
            var result = await client.PostAsync($"/api/v1/tags/mine/{source}/merge", body);
            Assert.Equal(HttpStatusCode.BadRequest, result.Status);
            Assert.Contains("into", result.ErrorFields);
        }

        var builtInSource = await client.PostAsync("/api/v1/tags/mine/quote/merge", new { into = source });
        Assert.Equal(HttpStatusCode.NotFound, builtInSource.Status);
        Assert.Equal([source], await client.MemoTagsAsync(memo));
        Assert.Contains(source, await client.TagCodesAsync());
    }

    [Fact]
    public async Task MergeTag_OnMoreMemosThanOneBatch_MovesEveryOne()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var source = await client.AddTagAsync("많이 쓴 태그");
        var target = await client.AddTagAsync("합칠 곳");
        const int Memos = 205; // one batch of 200 links, then the last 5 with the tombstone
        await AddTaggedMemosAsync(client, book, Memos, index => index % 10 == 0 ? [source, target] : [source]);

        var merged = await client.PostAsync($"/api/v1/tags/mine/{source}/merge", new { into = target });

        Assert.True(merged.Ok, merged.ToString());
        Assert.Equal((0, 0), await MemoMasterQueries.CountOnBothAsync(app,
            "SELECT COUNT(*) FROM memo_tags WHERE tag_id = @id", new { id = OwnTagTestData.TagId(source) }));
        Assert.Equal((Memos, Memos), await MemoMasterQueries.CountOnBothAsync(app,
            "SELECT COUNT(*) FROM memo_tags WHERE tag_id = @id", new { id = OwnTagTestData.TagId(target) }));
        await MasterSql.AssertMastersIdenticalAsync(app);
    }

    [Fact]
    public async Task DeleteTag_RemovesItFromEveryMemo_OnBothMasters_KeepsTheMemos_AndARepeatIs200()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var code = await client.AddTagAsync("지울 태그");
        var kept = await client.AddMemoAsync(book, "2026-11-02T10:00:00", "quote", code);
        var alone = await client.AddMemoAsync(book, "2026-11-02T11:00:00", code);

        var deleted = await client.DeleteAsync($"/api/v1/tags/mine/{code}");
        var again = await client.DeleteAsync($"/api/v1/tags/mine/{code}");

        Assert.True(deleted.Ok, deleted.ToString());
        Assert.True(again.Ok, again.ToString());
        Assert.Equal(["quote"], await client.MemoTagsAsync(kept));
        Assert.Empty(await client.MemoTagsAsync(alone));
        Assert.Equal((2, 2), await MemoMasterQueries.MemosOfUserAsync(app, client.UserId));
        Assert.Equal((0, 0), await MemoMasterQueries.CountOnBothAsync(app,
            "SELECT COUNT(*) FROM memo_tags WHERE tag_id = @id", new { id = OwnTagTestData.TagId(code) }));
        Assert.DoesNotContain(code, await client.TagCodesAsync());
        var reuse = await client.CreateMemoAsync(book, tags: [code]);
        Assert.Equal("UNKNOWN_TAG", reuse.ErrorCode);
        Assert.Equal(HttpStatusCode.Created, (await client.CreateTagAsync("지울 태그")).Status); // the name is free again
        await MasterSql.AssertMastersIdenticalAsync(app);
    }

    [Fact]
    public async Task DeleteTag_OfABuiltInOrAnotherUsersTag_Is404_AndLeavesIt()
    {
        var owner = await app.CreateApiClient().SignUpAndLoginAsync();
        var code = await owner.AddTagAsync("남길 태그");
        var other = await app.CreateApiClient().SignUpAndLoginAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/v1/tags/mine/{code}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.DeleteAsync("/api/v1/tags/mine/quote")).Status);
        Assert.Contains(code, await owner.TagCodesAsync());
        Assert.Contains("quote", await owner.TagCodesAsync());
    }

    /// <summary>Memos on the book, a batch of 100 at a time, with the tags <paramref name="tagsOf"/> gives each index.</summary>
    internal static async Task AddTaggedMemosAsync(ApiClient client, long book, int count, Func<int, string[]> tagsOf)
    {
        for (var start = 0; start < count; start += 100)
        {
            var items = Enumerable.Range(start, Math.Min(100, count - start)).Select(i => new
            {
                userBookId = book, pageNumber = 1 + i, content = $"memo {i}", tags = tagsOf(i), clientId = Guid.NewGuid().ToString(),
                memoStartTime = new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Unspecified).AddMinutes(i).ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            }).ToArray();
            var result = await client.PostAsync("/api/v1/memos/batch", new { memos = items });
            Assert.True(result.Ok, result.ToString());
            Assert.All(result.Data.GetProperty("results").EnumerateArray(), r => Assert.Equal(200, r.GetProperty("status").GetInt32()));
        }
    }
}
