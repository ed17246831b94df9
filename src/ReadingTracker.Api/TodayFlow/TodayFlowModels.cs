using ReadingTracker.Api.Memos;

namespace ReadingTracker.Api.TodayFlow;

/// <summary>The groupings of the today flow (wire values of the earlier system).</summary>
public enum FlowSortBy
{
    SESSION,
    BOOK,
    TAG,
}

/// <summary>docs/contract.md §5.5; the map not used by the chosen grouping is null, as in the earlier system.</summary>
public sealed record TodayFlowResponse(
    string Date,
    FlowSortBy SortBy,
    IReadOnlyDictionary<string, BookGroup>? MemosByBook,
    IReadOnlyDictionary<string, TagGroup>? MemosByTag,
    int TotalMemoCount,
    IReadOnlyList<FlowSession>? Sessions);

/// <summary>The memos of one shelf entry; <c>bookId</c> is the entry's id (userBookId), as in the earlier system.</summary>
public sealed record BookGroup(long BookId, string BookTitle, string? BookIsbn, IReadOnlyList<MemoResponse> Memos, int MemoCount);

public sealed record TagGroup(string TagCode, int MemoCount, IReadOnlyDictionary<string, BookGroup> MemosByBook);

/// <summary>A run of consecutive memos on one book: a reading session (the earlier client computed these itself).</summary>
public sealed record FlowSession(long UserBookId, string BookTitle, IReadOnlyList<MemoResponse> Memos);
