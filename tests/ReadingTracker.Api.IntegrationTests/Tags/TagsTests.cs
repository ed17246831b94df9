using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Tags;

public sealed class TagsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task ListTags_ReturnsTheActiveCatalogue_ByCategoryThenSortOrder()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var result = await client.GetAsync("/api/v1/tags");

        Assert.True(result.Ok, result.ToString());
        var tags = result.Data.EnumerateArray().ToList();
        Assert.Equal(18, tags.Count);
        Assert.Equal(["summary", "quote", "feeling", "question", "connection", "critique", "idea", "action", "etc",
            "character", "plot", "knowledge", "lesson", "emotion", "society", "philosophy", "creation", "etc"],
            tags.Select(t => t.GetProperty("code").GetString()));
        var etc = tags[17];
        Assert.Equal(18, etc.GetProperty("id").GetInt64());
        Assert.Equal("TOPIC", etc.GetProperty("category").GetString());
        Assert.Equal(99, etc.GetProperty("sortOrder").GetInt32());
        Assert.True(etc.GetProperty("isActive").GetBoolean());
    }

    [Theory]
    [InlineData("TYPE", "summary")]
    [InlineData("TOPIC", "character")]
    public async Task ListTags_ByCategory_ReturnsOnlyThatCategory(string category, string firstCode)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var result = await client.GetAsync($"/api/v1/tags?category={category}");

        var tags = result.Data.EnumerateArray().ToList();
        Assert.Equal(9, tags.Count);
        Assert.All(tags, t => Assert.Equal(category, t.GetProperty("category").GetString()));
        Assert.Equal(firstCode, tags[0].GetProperty("code").GetString());
        Assert.Equal("etc", tags[^1].GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("MOOD")]
    [InlineData("5")]
    public async Task ListTags_WithUnknownCategory_Returns400(string category)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var result = await client.GetAsync($"/api/v1/tags?category={category}");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, result.Status);
        Assert.Contains("category", result.ErrorFields);
    }
}
