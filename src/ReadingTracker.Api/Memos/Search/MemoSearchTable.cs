using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Memos.Search;

/// <summary>
/// The writes of memo_search, the search index row of a memo (ADR-015): written in the memo's own batch when it is
/// created or its text is edited, so both masters (or the cluster) get it with the memo, never apart from it.
/// </summary>
public static class MemoSearchTable
{
    public static readonly Table Table = new("memo_search");

    private static readonly Column<long> UserId = Table.Column<long>("user_id");
    private static readonly Column<string> Grams = Table.Column<string>("grams");

    public static RowWrite Insert(MemoRow memo) => Table.Insert(Table.Id.Set(memo.Id), UserId.Set(memo.UserId), Grams.Set(SearchGrams.Of(memo.Content)));

    public static RowWrite Edit(MemoRow memo) => Table.Update(memo.Id, Grams.Set(SearchGrams.Of(memo.Content)));
}
