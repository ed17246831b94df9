using System.Net;
using System.Text.Json;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Memos.Search;

/// <summary>GET /api/v1/memos/search on the provider of the run (RT_TEST_PROVIDER): SQLite's FTS5 or MariaDB's InnoDB index (ADR-015).</summary>
public sealed class MemoSearchTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("숨이", "숨이 막힌다")]
    [InlineData("물이", "동물이 좋아하는 숲")]
    [InlineData("막힌다", "숨이 막힌다")]
    [InlineData("숨", "숨이 막힌다")]
    [InlineData("whale", "Call me Ishmael. The WHALE was white.")]
    [InlineData("ishmael white", "Call me Ishmael. The WHALE was white.")]
    [InlineData("of", "The weight of glory")]
    [InlineData("데미안 sinclair", "싱클레어(Sinclair)는 데미안을 만났다")]
    public async Task Search_FindsAWordInsideALongerOne_InKoreanEnglishAndMixed(string q, string content)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync("검색 시험");
        var found = await AddMemoAsync(client, book, content);
        await AddMemoAsync(client, book, "전혀 다른 문장 another line");

        var page = await SearchAsync(client, q);

        Assert.Equal([found], Ids(page));
        var hit = page.GetProperty("items")[0];
        Assert.Equal(content, hit.GetProperty("snippet").GetString());
        Assert.Equal("검색 시험", hit.GetProperty("bookTitle").GetString());
        Assert.NotEmpty(hit.GetProperty("highlights").EnumerateArray());
    }

    [Fact]
    public async Task Search_AWordWhosePairsLieApart_DoesNotMatch()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        await AddMemoAsync(client, book, "abc xbcd"); // every pair of "abcd" is here, the word is not

        Assert.Empty(Ids(await SearchAsync(client, "abcd")));
        Assert.Single(Ids(await SearchAsync(client, "bcd")));
    }

    [Fact]
    public async Task AnotherUsersMemos_NeverAppear()
    {
        var owner = await app.CreateApiClient().SignUpAndLoginAsync();
        await AddMemoAsync(owner, await owner.AddBookAsync("비밀의 책"), "남의 눈에 띄면 안 되는 비밀 문장");
        var other = await app.CreateApiClient().SignUpAndLoginAsync();
        await other.AddBookAsync("비밀의 책");

        Assert.Empty(Ids(await SearchAsync(other, "비밀")));
        Assert.Empty(Ids(await SearchAsync(other, "문장")));
        Assert.Single(Ids(await SearchAsync(owner, "비밀")));
    }

    [Fact]
    public async Task TheIndexFollowsEdits_AndADeletedMemoOrEntryDisappears()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var id = await AddMemoAsync(client, book, "처음 적은 고래 이야기");
        Assert.Single(Ids(await SearchAsync(client, "고래")));

        Assert.True((await client.PutAsync($"/api/v1/memos/{id}", new { content = "고쳐 쓴 바다 이야기" })).Ok);
        Assert.Empty(Ids(await SearchAsync(client, "고래")));
        Assert.Equal([id], Ids(await SearchAsync(client, "바다")));
        Assert.Equal((1, 1), await MemoMasterQueries.CountOnBothAsync(app, "SELECT COUNT(*) FROM memo_search WHERE id = @id", new { id }));

        Assert.True((await client.DeleteAsync($"/api/v1/memos/{id}")).Ok);
        Assert.Empty(Ids(await SearchAsync(client, "바다")));

        var kept = await AddMemoAsync(client, book, "책과 함께 사라질 바다");
        Assert.Equal([kept], Ids(await SearchAsync(client, "바다")));
        Assert.True((await client.DeleteAsync($"/api/v1/user/books/{book}")).Ok);
        Assert.Empty(Ids(await SearchAsync(client, "바다")));
    }

    [Fact]
    public async Task Search_FindsByBookTitleAndOwnTagName_AndRanksThoseFirst()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var titled = await client.AddBookAsync("고래의 노래");
        var inTitle = await AddMemoAsync(client, titled, "제목에만 있다", "2026-11-01T10:00:00");
        var other = await client.AddBookAsync("다른 책");
        var inText = await AddMemoAsync(client, other, "본문에 고래가 두 번, 고래가 나온다", "2026-11-03T10:00:00");

        var page = await SearchAsync(client, "고래");

        Assert.Equal([inTitle, inText], Ids(page)); // the older title match first
        Assert.Equal(["title"], page.GetProperty("items")[0].GetProperty("matchedIn").Strings());
        Assert.Equal(["content"], page.GetProperty("items")[1].GetProperty("matchedIn").Strings());
    }

    [Fact]
    public async Task Search_PagesWithAPageSize()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        for (var i = 0; i < 5; i++)
        {
            await AddMemoAsync(client, book, $"반복되는 문장 {i}", $"2026-11-0{i + 1}T10:00:00");
        }

        var first = await SearchAsync(client, "반복", "&limit=2");
        var third = await SearchAsync(client, "반복", "&limit=2&page=3");

        Assert.Equal(2, Ids(first).Count);
        Assert.True(first.GetProperty("hasMore").GetBoolean());
        Assert.Single(Ids(third));
        Assert.False(third.GetProperty("hasMore").GetBoolean());
        Assert.Equal(5, Ids(first).Concat(Ids(await SearchAsync(client, "반복", "&limit=2&page=2"))).Concat(Ids(third)).Distinct().Count());
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("+ - * \" ( )")]
    [InlineData("고래\" OR \"a")]
    [InlineData("NEAR(고래 바다)")]
    [InlineData("-고래 +바다 *")]
    [InlineData("content:고래")]
    [InlineData("') OR 1=1 --")]
    [InlineData("%_\\")]
    public async Task HostileQueries_Answer200_AndMatchOnlyWhatTheyLiterallySay(string q)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        await AddMemoAsync(client, book, "평범한 문장 하나");

        var result = await client.GetAsync("/api/v1/memos/search?q=" + Uri.EscapeDataString(q));

        Assert.True(result.Ok, result.ToString());
        Assert.Empty(result.Data.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task AQueryWithOperators_StillFindsItsWords()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await AddMemoAsync(client, await client.AddBookAsync(), "\"고래\" (바다) - 물이 * 깊다");

        Assert.Equal([id], Ids(await SearchAsync(client, "+\"고래\" -(바다)* 물이")));
    }

    [Theory]
    [InlineData("", "q")]
    [InlineData("   ", "q")]
    [InlineData("a\u0000b", "q")]
    [InlineData("long", "q")]
    [InlineData("many", "q")]
    public async Task BadQueries_Return400_WithTheField(string q, string field)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        q = q switch { "long" => new string('가', 201), "many" => string.Join(' ', Enumerable.Range(0, 11).Select(i => $"w{i}")), _ => q };

        var result = await client.GetAsync("/api/v1/memos/search?q=" + Uri.EscapeDataString(q));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("VALIDATION_FAILED", result.ErrorCode);
        Assert.Contains(field, result.ErrorFields);
    }

    [Theory]
    [InlineData("&page=0")]
    [InlineData("&page=51")]
    [InlineData("&limit=0")]
    [InlineData("&limit=51")]
    public async Task PagesOutOfRange_Return400(string paging)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        var result = await client.GetAsync("/api/v1/memos/search?q=a" + paging);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
    }

    [Fact]
    public async Task TheSnippetCarriesMarkupAsText_WithOffsetsForTheMarks()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        await AddMemoAsync(client, await client.AddBookAsync(), "<img src=x onerror=alert(1)> 고래");

        var hit = (await SearchAsync(client, "고래")).GetProperty("items")[0];

        var snippet = hit.GetProperty("snippet").GetString()!;
        Assert.Equal("<img src=x onerror=alert(1)> 고래", snippet);
        var mark = hit.GetProperty("highlights")[0];
        Assert.Equal("고래", snippet[mark[0].GetInt32()..mark[1].GetInt32()]);
    }

    private static async Task<long> AddMemoAsync(ApiClient client, long book, string content, string at = "2026-11-02T10:00:00")
    {
        var result = await client.CreateMemoAsync(book, at, content);
        Assert.True(result.Ok, result.ToString());
        return result.Data.GetProperty("id").GetInt64();
    }

    private static async Task<JsonElement> SearchAsync(ApiClient client, string q, string extra = "")
    {
        var result = await client.GetAsync("/api/v1/memos/search?q=" + Uri.EscapeDataString(q) + extra);
        Assert.True(result.Ok, result.ToString());
        return result.Data;
    }

    private static List<long> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("memoId").GetInt64())];
}
