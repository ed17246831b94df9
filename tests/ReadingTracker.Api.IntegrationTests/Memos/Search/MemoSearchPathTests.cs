using System.Text.Json;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using ReadingTracker.Api.IntegrationTests.Tags;
using ReadingTracker.Api.Memos.Search;

namespace ReadingTracker.Api.IntegrationTests.Memos.Search;

/// <summary>
/// Memo search reads text matches by walking the reader's newest memos and asks the full-text index only when that
/// window cannot fill the page (ADR-015). With a window of a few memos, a few memos take every way: a common word
/// fills its first page from the window and its later pages from the index, a rare word goes to the index at once;
/// with ten, the walk's first step (one memo) and its second step (the rest of the window) run too.
/// Every page must be the reference answer worked out here from what was written: title and own-tag matches first,
/// then text matches, each newest first, then by id; never another user's memo, a deleted memo or one of a removed
/// entry.
/// </summary>
public abstract class MemoSearchPathTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{

    private sealed record Written(long Id, string Title, string Content, string At, bool Tagged, bool Live);

    [Theory]
    [InlineData("고래")] // common: title, own tag and text matches, beyond the window too
    [InlineData("드문낱말")] // rare: one old memo and one new one
    [InlineData("고래 바다")] // two words, both required
    [InlineData("래")] // one character
    [InlineData("THE")] // English, any case
    [InlineData("whale")] // only beyond the window
    [InlineData("없는말")] // nothing
    public async Task EveryPage_IsTheReferenceAnswer_WhicheverWayItWasRead(string q)
    {
        var (client, written) = await SeedAsync();
        var query = SearchQuery.Parse(q);
        var expected = Reference(written, query);

        foreach (var limit in new[] { 2, 3, 50 })
        {
            var ids = new List<long>();
            for (var page = 1; ; page++)
            {
                var answer = await SearchAsync(client, q, $"&limit={limit}&page={page}");
                var items = answer.GetProperty("items").EnumerateArray().ToList();
                ids.AddRange(items.Select(i => i.GetProperty("memoId").GetInt64()));
                foreach (var item in items)
                {
                    var memo = written.Single(w => w.Id == item.GetProperty("memoId").GetInt64());
                    Assert.Equal(MatchedIn(memo, query), item.GetProperty("matchedIn").EnumerateArray().Select(m => m.GetString()!).ToList());
                }

                Assert.Equal(ids.Count < expected.Count, answer.GetProperty("hasMore").GetBoolean());
                if (!answer.GetProperty("hasMore").GetBoolean())
                {
                    break;
                }
            }

            Assert.Equal(expected, ids);
        }
    }

    private static List<long> Reference(List<Written> written, SearchQuery query)
    {
        var live = written.Where(w => w.Live).ToList();
        var named = live.Where(w => Named(w, query)).OrderByDescending(w => w.At, StringComparer.Ordinal).ThenByDescending(w => w.Id);
        var text = live.Where(w => !Named(w, query) && InText(w, query)).OrderByDescending(w => w.At, StringComparer.Ordinal).ThenByDescending(w => w.Id);
        return [.. named.Concat(text).Select(w => w.Id)];
    }

    private static List<string> MatchedIn(Written w, SearchQuery query) =>
        [.. new[] { ("content", InText(w, query)), ("title", w.Title.Contains(query.Phrase, StringComparison.Ordinal)), ("tag", w.Tagged && "고래잡이".Contains(query.Phrase, StringComparison.Ordinal)) }
            .Where(m => m.Item2).Select(m => m.Item1)];

    private static bool Named(Written w, SearchQuery query) =>
        w.Title.Contains(query.Phrase, StringComparison.Ordinal) || (w.Tagged && "고래잡이".Contains(query.Phrase, StringComparison.Ordinal));

    private static bool InText(Written w, SearchQuery query) =>
        query.Words.Count > 0 && query.Words.All(word => SearchGrams.Normalize(w.Content).Contains(word, StringComparison.Ordinal));

    /// <summary>One reader's memos in three entries (one removed later), an own tag, a deleted memo, equal times; another reader's matching memos.</summary>
    private async Task<(ApiClient Client, List<Written> Written)> SeedAsync()
    {
        var other = await app.CreateApiClient().SignUpAndLoginAsync();
        var theirs = await other.AddBookAsync("고래 이야기");
        foreach (var content in new[] { "남의 고래 바다", "남의 드문낱말", "the other whale" })
        {
            Assert.True((await other.CreateMemoAsync(theirs, "2026-11-09T10:00:00", content)).Ok);
        }

        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var whaleBook = await client.AddBookAsync("고래 이야기");
        var seaBook = await client.AddBookAsync("바다의 책");
        var goneBook = await client.AddBookAsync("지울 책");
        var tag = await client.AddTagAsync("고래잡이");
        var written = new List<Written>();
        async Task<long> Add(long book, string title, string content, string at, bool tagged = false, bool live = true)
        {
            var result = await client.CreateMemoAsync(book, at, content, tags: tagged ? [tag] : null);
            Assert.True(result.Ok, result.ToString());
            var id = result.Data.GetProperty("id").GetInt64();
            written.Add(new Written(id, title, content, at, tagged, live));
            return id;
        }

        // Oldest first; the window holds the newest three of these (and of the removed ones).
        await Add(seaBook, "바다의 책", "The WHALE and the 드문낱말, long ago", "2026-10-01T09:00:00");
        await Add(seaBook, "바다의 책", "고래가 바다에서 솟았다", "2026-10-02T09:00:00");
        await Add(whaleBook, "고래 이야기", "제목으로만 찾는 문장", "2026-10-03T09:00:00");
        await Add(seaBook, "바다의 책", "태그로만 찾는 문장", "2026-10-04T09:00:00", tagged: true);
        await Add(seaBook, "바다의 책", "고래 한 마리, 같은 시각", "2026-10-05T09:00:00");
        await Add(seaBook, "바다의 책", "고래 두 마리, 같은 시각", "2026-10-05T09:00:00");
        await Add(seaBook, "바다의 책", "바다만 있는 문장", "2026-10-06T09:00:00");
        var deleted = await Add(seaBook, "바다의 책", "지워질 고래 바다 드문낱말", "2026-10-07T09:00:00", live: false);
        await Add(goneBook, "지울 책", "사라질 책의 고래 바다 the", "2026-10-08T09:00:00", live: false);
        await Add(seaBook, "바다의 책", "고래잡이 배가 바다로 나간다", "2026-10-09T09:00:00");
        await Add(whaleBook, "고래 이야기", "고래가 다시 나타났다 THE END", "2026-10-10T09:00:00");
        await Add(seaBook, "바다의 책", "새 드문낱말 하나와 고래", "2026-10-11T09:00:00");
        await Add(seaBook, "바다의 책", "오늘의 고래와 바다", "2026-10-12T09:00:00");
        Assert.True((await client.DeleteAsync($"/api/v1/memos/{deleted}")).Ok);
        Assert.True((await client.DeleteAsync($"/api/v1/user/books/{goneBook}")).Ok);
        return (client, written);
    }

    private static async Task<JsonElement> SearchAsync(ApiClient client, string q, string extra)
    {
        var result = await client.GetAsync("/api/v1/memos/search?q=" + Uri.EscapeDataString(q) + extra);
        Assert.True(result.Ok, result.ToString());
        return result.Data;
    }
}

/// <summary>A window of three memos: one walk step, then the index.</summary>
public sealed class MemoSearchThreeMemoWindowTests(MemoSearchThreeMemoWindowTests.App app) : MemoSearchPathTests<MemoSearchThreeMemoWindowTests.App>(app)
{
    public sealed class App : AppFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Database:SearchWindow"] = "3" };
    }
}

/// <summary>A window of ten memos: a first step of one memo, a second step to ten, then the index.</summary>
public sealed class MemoSearchTenMemoWindowTests(MemoSearchTenMemoWindowTests.App app) : MemoSearchPathTests<MemoSearchTenMemoWindowTests.App>(app)
{
    public sealed class App : AppFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Database:SearchWindow"] = "10" };
    }
}
