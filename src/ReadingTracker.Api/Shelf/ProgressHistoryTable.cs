using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Shelf;

/// <summary>What moved a shelf entry's reading progress (docs/contract.md §4.5).</summary>
public enum ProgressSource
{
    /// <summary>A memo on a page past the progress (create or update).</summary>
    MEMO,

    /// <summary>PUT /user/books/{id}, or a category change that set the progress.</summary>
    MANUAL,

    START,

    FINISH,

    CLOSE,
}

/// <summary>The writes of progress_history: one row per change of an entry's reading progress, only ever inserted.</summary>
public static class ProgressHistoryTable
{
    public static readonly Table Table = new("progress_history");

    private static readonly Column<long> UserId = Table.Column<long>("user_id");
    private static readonly Column<long> UserBookId = Table.Column<long>("user_book_id");
    private static readonly Column<int?> FromPage = Table.Column<int?>("from_page");
    private static readonly Column<int> ToPage = Table.Column<int>("to_page");
    private static readonly Column<ProgressSource> Source = Table.Column<ProgressSource>("source");
    private static readonly Column<long> At = Table.Column<long>("at");

    /// <summary>The entry's progress went from <paramref name="from"/> (null: none yet) to <paramref name="to"/> at <paramref name="at"/>.</summary>
    public static RowWrite Insert(long id, long userId, long userBookId, int? from, int to, ProgressSource source, long at) =>
        Table.Insert(Table.Id.Set(id), UserId.Set(userId), UserBookId.Set(userBookId), FromPage.Set(from), ToPage.Set(to), Source.Set(source), At.Set(at));

    /// <summary>
    /// Adds the history row of a change the batch already makes to the entry, when its progress really changes: the
    /// from-page is the entry as the request read it.
    /// </summary>
    public static WriteBatch AddProgressChange(
        this WriteBatch batch, IdGenerator ids, ShelfEntryRow entry, int? to, ProgressSource source, long now) =>
        to is { } page && page != entry.ReadingProgress
            ? batch.Add(Insert(ids.NextId(), entry.UserId, entry.Id, entry.ReadingProgress, page, source, now))
            : batch;
}
