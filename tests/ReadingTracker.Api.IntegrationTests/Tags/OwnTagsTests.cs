using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using ReadingTracker.Api.IntegrationTests.Memos;

namespace ReadingTracker.Api.IntegrationTests.Tags;

/// <summary>POST /tags/mine, PATCH /tags/mine/{code}: a reader's own tags beside the built-in catalogue (ADR-011).</summary>
public sealed class OwnTagsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task CreateTag_Returns201WithAServerMadeCode_AndOnlyItsOwnerSeesIt()
    {
        var owner = await app.CreateApiClient().SignUpAndLoginAsync();
        var other = await app.CreateApiClient().SignUpAndLoginAsync();

        var created = await owner.CreateTagAsync("  복선  ", "TOPIC");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var code = created.Data.GetProperty("code").GetString()!;
        Assert.Matches("^u[0-9]+$", code);
        Assert.Equal("복선", created.Data.GetProperty("name").GetString());
        Assert.Equal("TOPIC", created.Data.GetProperty("category").GetString());
        Assert.False(created.Data.GetProperty("builtIn").GetBoolean());
        Assert.Equal($"/api/v1/tags/mine/{code}", created.Response.Headers.Location?.OriginalString);

        var mine = await owner.GetAsync("/api/v1/tags?category=TOPIC");
        var listed = mine.Data.EnumerateArray().ToList();
        Assert.Equal(["character", "plot", "knowledge", "lesson", "emotion", "society", "philosophy", "creation", code, "etc"],
            listed.Select(t => t.GetProperty("code").GetString()));
        Assert.All(listed.Where(t => t.GetProperty("code").GetString() != code), t =>
        {
            Assert.True(t.GetProperty("builtIn").GetBoolean());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, t.GetProperty("name").ValueKind);
        });
        Assert.Equal(19, (await owner.TagCodesAsync()).Length);
        Assert.DoesNotContain(code, await other.TagCodesAsync());
        Assert.Equal(18, (await other.TagCodesAsync()).Length);
        Assert.Equal(9, (await owner.TagCodesAsync("?category=TYPE")).Length);
        Assert.Equal((1, 1), await MemoMasterQueries.CountOnBothAsync(app,
            "SELECT COUNT(*) FROM tags WHERE owner_user_id = @userId AND name = '복선'", new { userId = owner.UserId }));
    }

    [Fact]
    public async Task CreateTag_WithANameTakenInItsCategory_WhateverTheCase_Returns409_AndStoresNothing()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        await client.AddTagAsync("Foreshadowing", "TOPIC");

        var duplicate = await client.CreateTagAsync("foreSHADOWING ", "TOPIC");
        var otherCategory = await client.CreateTagAsync("foreshadowing", "TYPE");
        var otherUser = await (await app.CreateApiClient().SignUpAndLoginAsync()).CreateTagAsync("Foreshadowing", "TOPIC");

        Assert.Equal(HttpStatusCode.Conflict, duplicate.Status);
        Assert.Equal("DUPLICATE_TAG_NAME", duplicate.ErrorCode);
        Assert.Contains("name", duplicate.ErrorFields);
        Assert.Equal(HttpStatusCode.Created, otherCategory.Status);
        Assert.Equal(HttpStatusCode.Created, otherUser.Status);
        Assert.Equal((2, 2), await MemoMasterQueries.CountOnBothAsync(app,
            "SELECT COUNT(*) FROM tags WHERE owner_user_id = @userId", new { userId = client.UserId }));
    }

    [Theory]
    [InlineData(null, "TYPE", "name")]
    [InlineData("   ", "TYPE", "name")]
    [InlineData("1234567890123456789012345678901", "TYPE", "name")]
    [InlineData("줄\n바꿈", "TYPE", "name")]
    [InlineData("이름", null, "category")]
    [InlineData("이름", "MOOD", "category")]
    public async Task CreateTag_WithBadInput_Returns400NamingTheField_AndStoresNothing(string? name, string? category, string field)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        var result = await client.PostAsync("/api/v1/tags/mine", new { name, category });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains(field, result.ErrorFields);
        Assert.Equal((0, 0), await MemoMasterQueries.CountOnBothAsync(app,
            "SELECT COUNT(*) FROM tags WHERE owner_user_id = @userId", new { userId = client.UserId }));
    }

    [Fact]
    public async Task CreateTag_ThirtyCharactersIsTheLongestName()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        Assert.Equal(HttpStatusCode.Created, (await client.CreateTagAsync(new string('가', 30))).Status);
    }

    [Fact]
    public async Task CreateTag_Beyond200LiveTags_Returns409_ButADeletedTagMakesRoom()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        string first = "";
        for (var i = 0; i < 200; i++)
        {
            var code = await client.AddTagAsync($"tag {i}", i % 2 == 0 ? "TYPE" : "TOPIC");
            first = i == 0 ? code : first;
        }

        var refused = await client.CreateTagAsync("one too many");
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("TAG_LIMIT_REACHED", refused.ErrorCode);
        Assert.Equal(218, (await client.TagCodesAsync()).Length);

        Assert.True((await client.DeleteAsync($"/api/v1/tags/mine/{first}")).Ok);
        Assert.Equal(HttpStatusCode.Created, (await client.CreateTagAsync("one too many")).Status);
    }

    [Fact]
    public async Task EditTag_RenamesAndRecategorises_WithoutTouchingItsMemosOrTheirHistory()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var code = await client.AddTagAsync("밑줄", "TYPE");
        var memo = await client.AddMemoAsync(book, "2026-11-02T10:00:00", code, "quote");

        var renamed = await client.PatchAsync($"/api/v1/tags/mine/{code}", new { name = "문장 수집" });
        var moved = await client.PatchAsync($"/api/v1/tags/mine/{code}", new { category = "TOPIC" });
        var caseOnly = await client.PatchAsync($"/api/v1/tags/mine/{code}", new { name = "문장 수집", category = "TOPIC" });

        Assert.True(renamed.Ok, renamed.ToString());
        Assert.Equal("문장 수집", renamed.Data.GetProperty("name").GetString());
        Assert.Equal("TYPE", renamed.Data.GetProperty("category").GetString());
        Assert.True(moved.Ok, moved.ToString());
        Assert.Equal("TOPIC", moved.Data.GetProperty("category").GetString());
        Assert.Equal("문장 수집", moved.Data.GetProperty("name").GetString());
        Assert.True(caseOnly.Ok, caseOnly.ToString());
        Assert.Equal([code, "quote"], await client.MemoTagsAsync(memo));
        Assert.Equal(1, (await client.GetAsync($"/api/v1/memos/{memo}")).Data.GetProperty("version").GetInt32());
        Assert.Empty((await client.GetAsync($"/api/v1/memos/{memo}/history")).Data.EnumerateArray());
        Assert.Contains(code, await client.TagCodesAsync("?category=TOPIC"));
        await MasterSql.AssertMastersIdenticalAsync(app);
    }

    [Fact]
    public async Task EditTag_IntoANameTakenInTheTargetCategory_Returns409()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var type = await client.AddTagAsync("인물", "TYPE");
        var other = await client.AddTagAsync("장면", "TOPIC");
        await client.AddTagAsync("인물", "TOPIC");

        var recategorised = await client.PatchAsync($"/api/v1/tags/mine/{type}", new { category = "TOPIC" });
        var renamed = await client.PatchAsync($"/api/v1/tags/mine/{other}", new { name = "인물" });

        Assert.Equal(HttpStatusCode.Conflict, recategorised.Status);
        Assert.Equal("DUPLICATE_TAG_NAME", recategorised.ErrorCode);
        Assert.Equal(HttpStatusCode.Conflict, renamed.Status);
        Assert.Contains(type, await client.TagCodesAsync("?category=TYPE"));
    }

    [Fact]
    public async Task EditTag_OfABuiltInOrAnotherUsersTagOrAnUnknownCode_Is404_AndAnEmptyEditIs400()
    {
        var owner = await app.CreateApiClient().SignUpAndLoginAsync();
        var code = await owner.AddTagAsync("내 것");
        var other = await app.CreateApiClient().SignUpAndLoginAsync();

        foreach (var target in new[] { "summary", "etc", "u1", "nonsense" })
        {
            var result = await owner.PatchAsync($"/api/v1/tags/mine/{target}", new { name = "바꿈" });
            Assert.Equal(HttpStatusCode.NotFound, result.Status);
            Assert.Equal("TAG_NOT_FOUND", result.ErrorCode);
        }

        var foreign = await other.PatchAsync($"/api/v1/tags/mine/{code}", new { name = "훔침" });
        Assert.Equal(HttpStatusCode.NotFound, foreign.Status);
        var empty = await owner.PatchAsync($"/api/v1/tags/mine/{code}", new { });
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Contains("name", empty.ErrorFields);
        Assert.Equal("내 것", (await owner.GetAsync("/api/v1/tags")).Data.EnumerateArray()
            .Single(t => t.GetProperty("code").GetString() == code).GetProperty("name").GetString());
    }

    [Fact]
    public async Task ListTags_WithoutAToken_Is401()
    {
        var anonymous = app.CreateApiClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/tags")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/tags/mine", new { name = "x", category = "TYPE" })).Status);
    }
}
