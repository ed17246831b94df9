using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Memos.Search;

/// <summary>One found memo: where it is (book, page, time) and a snippet with the query's words marked.</summary>
public sealed record SearchHitResponse(
    long MemoId, long UserBookId, string BookTitle, int PageNumber, string MemoStartTime, string Snippet, IReadOnlyList<int[]> Highlights,
    IReadOnlyList<string> MatchedIn);

/// <summary>A page of search results; <c>hasMore</c> says whether page + 1 holds any.</summary>
public sealed record SearchPageResponse(IReadOnlyList<SearchHitResponse> Items, int Page, int PageSize, bool HasMore);

/// <summary>GET /api/v1/memos/search?q=…&amp;page=…&amp;limit=… (docs/contract.md, memo search; ADR-015).</summary>
public static class SearchMemos
{
    public const int DefaultPageSize = 20;

    public const int MaxPageSize = 50;

    /// <summary>Pages are numbered, so deep pages cost an offset: past this one a reader refines the query instead.</summary>
    public const int MaxPage = 50;

    public static async Task<Ok<ApiResponse<SearchPageResponse>>> Handle(
        string? q, int? page, int? limit, CurrentUser user, MemoSearchStore store, CancellationToken ct)
    {
        var v = new Validator();
        if (string.IsNullOrWhiteSpace(q))
        {
            v.Add("q", "검색어를 입력해 주세요.", "Enter something to search for.");
        }
        else if (q.Length > SearchQuery.MaxLength)
        {
            v.Add("q", $"검색어는 {SearchQuery.MaxLength}자 이하여야 합니다.", $"The query must be at most {SearchQuery.MaxLength} characters.");
        }

        v.Range(page, 1, MaxPage, "page").Range(limit, 1, MaxPageSize, "limit").PlainText(q, "q").ThrowIfInvalid();
        var query = SearchQuery.Parse(q!);
        if (query.Words.Count > SearchQuery.MaxWords)
        {
            v.Add("q", $"검색어는 {SearchQuery.MaxWords}단어 이하여야 합니다.", $"The query must have at most {SearchQuery.MaxWords} words.").ThrowIfInvalid();
        }

        var (number, size) = (page ?? 1, limit ?? DefaultPageSize);
        var rows = await store.SearchAsync(user.Id, query, (number - 1) * size, size + 1, ct);
        var items = rows.Take(size).Select(r =>
        {
            var snippet = SearchSnippet.Of(r.Content, query.Words);
            return new SearchHitResponse(
                r.Id, r.UserBookId, r.BookTitle, r.PageNumber, WireTime.ToWire(r.MemoStartTime, user.TimeZone), snippet.Text, snippet.Highlights,
                MatchedIn(r.Matched));
        }).ToList();
        return Envelope.Ok(new SearchPageResponse(items, number, size, rows.Count > size));
    }

    private static List<string> MatchedIn(long matched) =>
        [.. new[] { (1L, "content"), (2L, "title"), (4L, "tag") }.Where(m => (matched & m.Item1) != 0).Select(m => m.Item2)];
}
